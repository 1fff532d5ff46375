import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EcsJobDefinition, JobQueue } from 'aws-cdk-lib/aws-batch';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StepName } from '../../../infra/lib/functions/pipeline-functions.js';
import { EvolutionStateMachine } from '../../../infra/lib/orchestration/evolution-state-machine.js';
import { resolveWithPlaceholderArns } from '../../../infra/lib/orchestration/placeholder-arns.js';
import { createTestApp } from '../../helpers/cdkApp.js';

const STEP_NAMES: readonly StepName[] = [
  'start-run',
  'propose',
  'check-training',
  'simulate',
  'diagnose',
  'record',
  'record-generation',
  'finalize',
  'fail-run',
];
const arnOfStep = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const JOB_QUEUE = 'arn:aws:batch:us-east-1:123456789012:job-queue/gpu';
const TRAIN_DEFINITION = 'arn:aws:batch:us-east-1:123456789012:job-definition/train:1';
const FINAL_DEFINITION = 'arn:aws:batch:us-east-1:123456789012:job-definition/final:1';

type States = Record<string, Record<string, unknown>>;

const LAMBDA_RETRY = {
  ErrorEquals: [
    'Lambda.ClientExecutionTimeoutException',
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
  ],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
};
/** A step that failed is tried once more: the steps are idempotent. */
const STEP_RETRY = {
  ErrorEquals: ['States.TaskFailed'],
  IntervalSeconds: 2,
  MaxAttempts: 2,
  BackoffRate: 2,
};
const failsRun = { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'FailRun' };
const nextIs = (value: string, next: string) => ({
  Variable: '$.next',
  StringEquals: value,
  Next: next,
});

describe('EvolutionStateMachine', () => {
  let template: Template;
  let states: States;
  let candidate: States;

  beforeAll(() => {
    const stack = new Stack(createTestApp(), 'Test');
    const steps = Object.fromEntries(
      STEP_NAMES.map((name) => [name, LambdaFunction.fromFunctionArn(stack, name, arnOfStep(name))])
    ) as Record<StepName, LambdaFunction>;
    new EvolutionStateMachine(stack, 'Evolution', {
      steps,
      jobQueue: JobQueue.fromJobQueueArn(stack, 'Queue', JOB_QUEUE),
      trainCandidate: EcsJobDefinition.fromJobDefinitionArn(stack, 'Train', TRAIN_DEFINITION),
      finalEvaluation: EcsJobDefinition.fromJobDefinitionArn(stack, 'Final', FINAL_DEFINITION),
      candidateConcurrency: 7,
    });
    template = Template.fromStack(stack);
    const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
    const definition = JSON.parse(
      resolveWithPlaceholderArns(machine?.Properties.DefinitionString, {})
    ) as { StartAt: string; States: States };
    expect(definition.StartAt).toBe('StartRun');
    states = definition.States;
    const generation = states.Generation as { ItemProcessor: { States: States } };
    candidate = generation.ItemProcessor.States;
  });

  it('is a STANDARD state machine, traced, logging errors without execution data', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: { Level: 'ERROR', IncludeExecutionData: false, Destinations: [{}] },
    });
  });

  it('names the run states as functions/README.md does', () => {
    expect(Object.keys(states).sort()).toEqual(
      [
        'StartRun',
        'NextStep',
        'Generation',
        'RecordGeneration',
        'FinalEvaluation',
        'Finalize',
        'FailRun',
        'RunFailed',
      ].sort()
    );
    expect(Object.keys(candidate).sort()).toEqual(
      [
        'Propose',
        'AfterPropose',
        'Train',
        'CheckTraining',
        'AfterCheck',
        'Feedback',
        'Record',
        'CandidateDone',
      ].sort()
    );
  });

  it('starts the run, then chooses on $.next: a generation, the final evaluation, or failure', () => {
    expect(states.StartRun).toMatchObject({
      Type: 'Task',
      Resource: arnOfStep('start-run'),
      Retry: [LAMBDA_RETRY, STEP_RETRY],
      Catch: [failsRun],
      Next: 'NextStep',
    });
    expect(states.NextStep).toEqual({
      Type: 'Choice',
      Choices: [nextIs('generation', 'Generation'), nextIs('finalize', 'FinalEvaluation')],
      Default: 'FailRun',
    });
  });

  it('maps the candidates in a Distributed Map of child executions, MaxConcurrency from the prop', () => {
    expect(states.Generation).toMatchObject({
      Type: 'Map',
      ItemsPath: '$.candidates',
      ItemSelector: {
        'runId.$': '$.runId',
        'generation.$': '$.generation',
        'programId.$': '$$.Map.Item.Value',
      },
      MaxConcurrency: 7,
      ResultPath: null,
      Catch: [failsRun],
      Next: 'RecordGeneration',
    });
    expect(states.Generation?.ItemProcessor).toMatchObject({
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: 'Propose',
    });
    expect(states.RecordGeneration).toMatchObject({
      Resource: arnOfStep('record-generation'),
      Catch: [failsRun],
      Next: 'NextStep',
    });
  });

  it('proposes, then trains, checks or ends the candidate', () => {
    expect(candidate.Propose).toMatchObject({
      Resource: arnOfStep('propose'),
      Retry: [LAMBDA_RETRY, STEP_RETRY],
      Next: 'AfterPropose',
    });
    expect(candidate.AfterPropose).toEqual({
      Type: 'Choice',
      Choices: [nextIs('train', 'Train'), nextIs('check', 'CheckTraining')],
      Default: 'CandidateDone',
    });
  });

  it('runs the training job to its end with the command and name the payload gives', () => {
    expect(candidate.Train).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::batch:submitJob.sync',
      Parameters: {
        JobDefinition: TRAIN_DEFINITION,
        JobQueue: JOB_QUEUE,
        'JobName.$': '$.job.name',
        ContainerOverrides: { 'Command.$': '$.job.command' },
      },
      ResultPath: null,
      Retry: [
        {
          ErrorEquals: ['Batch.AWSBatchException'],
          IntervalSeconds: 10,
          MaxAttempts: 3,
          BackoffRate: 2,
        },
      ],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.trainError', Next: 'CheckTraining' }],
      Next: 'CheckTraining',
    });
  });

  it('checks the training, then trains again, gathers feedback or ends the candidate', () => {
    expect(candidate.CheckTraining).toMatchObject({
      Resource: arnOfStep('check-training'),
      Next: 'AfterCheck',
    });
    expect(candidate.AfterCheck).toEqual({
      Type: 'Choice',
      Choices: [nextIs('train', 'Train'), nextIs('feedback', 'Feedback')],
      Default: 'CandidateDone',
    });
  });

  it('simulates and diagnoses in parallel, then records the program whatever happened', () => {
    const feedback = candidate.Feedback as {
      Branches: { StartAt: string; States: States }[];
    };
    expect(feedback).toMatchObject({
      Type: 'Parallel',
      ResultPath: null,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.feedbackError', Next: 'Record' }],
      Next: 'Record',
    });
    expect(feedback.Branches.map((branch) => branch.StartAt)).toEqual(['Simulate', 'Diagnose']);
    expect(feedback.Branches[0]?.States.Simulate).toMatchObject({
      Resource: arnOfStep('simulate'),
      End: true,
    });
    expect(feedback.Branches[1]?.States.Diagnose).toMatchObject({
      Resource: arnOfStep('diagnose'),
      End: true,
    });
    expect(candidate.Record).toMatchObject({
      Resource: arnOfStep('record'),
      Next: 'CandidateDone',
    });
    expect(candidate.CandidateDone).toEqual({ Type: 'Succeed' });
  });

  it('evaluates the final program, then finalizes even when that job failed', () => {
    expect(states.FinalEvaluation).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:::batch:submitJob.sync',
      Parameters: {
        JobDefinition: FINAL_DEFINITION,
        JobQueue: JOB_QUEUE,
        'JobName.$': '$.final.job.name',
        ContainerOverrides: { 'Command.$': '$.final.job.command' },
      },
      ResultPath: null,
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.finalError', Next: 'Finalize' }],
      Next: 'Finalize',
    });
    expect(states.Finalize).toMatchObject({
      Resource: arnOfStep('finalize'),
      Catch: [failsRun],
      End: true,
    });
  });

  it('marks a failed run failed, then fails the execution', () => {
    expect(states.FailRun).toMatchObject({ Resource: arnOfStep('fail-run'), Next: 'RunFailed' });
    expect(states.RunFailed).toEqual({ Type: 'Fail' });
  });

  it('lets the Lambda return value be the state output (no Payload wrapper)', () => {
    const lambdaTasks = [states.StartRun, candidate.Propose, candidate.Record, states.Finalize];
    for (const task of lambdaTasks) {
      expect(task?.Parameters).toBeUndefined();
      expect(String(task?.Resource)).toMatch(/^arn:aws:lambda:/);
    }
  });
});
