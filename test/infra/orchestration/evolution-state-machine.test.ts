import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { EcsJobDefinition, JobQueue } from 'aws-cdk-lib/aws-batch';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StepName } from '../../../infra/lib/functions/pipeline-functions.js';
import { EvolutionStateMachine } from '../../../infra/lib/orchestration/evolution-state-machine.js';
import { resolveWithPlaceholderArns } from '../../../infra/lib/orchestration/placeholder-arns.js';
import { PERMANENT_ERROR_NAMES } from '../../../shared/src/errors.js';
import { createTestApp } from '../../helpers/cdkApp.js';

const STEP_NAMES: readonly StepName[] = [
  'start-run',
  'propose',
  'judge',
  'check-training',
  'simulate',
  'diagnose',
  'record',
  'record-failure',
  'record-generation',
  'finalize',
  'fail-run',
];
const arnOfStep = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const JOB_QUEUE = 'arn:aws:batch:us-east-1:123456789012:job-queue/gpu';
const TRAIN_DEFINITION = 'arn:aws:batch:us-east-1:123456789012:job-definition/train:1';

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
/** Errors that a retry cannot cure are not retried… */
const NO_RETRY = { ErrorEquals: [...PERMANENT_ERROR_NAMES], MaxAttempts: 0 };
/** …any other failed step is tried once more: the steps are idempotent. */
const STEP_RETRY = {
  ErrorEquals: ['States.TaskFailed'],
  IntervalSeconds: 2,
  MaxAttempts: 2,
  BackoffRate: 2,
};
const failsRun = { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'FailRun' };
const failsCandidate = {
  ErrorEquals: ['States.ALL'],
  ResultPath: '$.candidateError',
  Next: 'RecordFailure',
};
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
        'Judge',
        'CheckTraining',
        'AfterCheck',
        'Feedback',
        'Record',
        'RecordFailure',
        'CandidateDone',
      ].sort()
    );
  });

  it('starts the run, then chooses on $.next: a generation, the final evaluation, or failure', () => {
    expect(states.StartRun).toMatchObject({
      Type: 'Task',
      Resource: arnOfStep('start-run'),
      Retry: [LAMBDA_RETRY, NO_RETRY, STEP_RETRY],
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
      ToleratedFailurePercentage: 100,
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

  it('proposes, then trains, judges a result already there, or ends the candidate', () => {
    expect(candidate.Propose).toMatchObject({
      Resource: arnOfStep('propose'),
      Retry: [LAMBDA_RETRY, NO_RETRY, STEP_RETRY],
      Catch: [failsCandidate],
      Next: 'AfterPropose',
    });
    expect(candidate.AfterPropose).toEqual({
      Type: 'Choice',
      Choices: [nextIs('train', 'Train'), nextIs('check', 'Judge')],
      Default: 'CandidateDone',
    });
  });

  it("records any candidate step that failed after its retries as that candidate's failure", () => {
    for (const state of ['Propose', 'CheckTraining', 'Record']) {
      expect(candidate[state]?.Catch, state).toEqual([failsCandidate]);
    }
    expect(candidate.RecordFailure).toMatchObject({
      Resource: arnOfStep('record-failure'),
      Next: 'CandidateDone',
    });
    expect(candidate.RecordFailure?.Catch).toBeUndefined();
  });

  it('judges the attempt with its own payload, and lets CheckTraining read what the judge did', () => {
    expect(candidate.Judge).toMatchObject({
      Resource: arnOfStep('judge'),
      Parameters: {
        split: 'val',
        'runId.$': '$.runId',
        'generation.$': '$.generation',
        'programId.$': '$.programId',
        'attempt.$': '$.attempt',
      },
      ResultPath: null,
      Retry: [LAMBDA_RETRY, NO_RETRY, STEP_RETRY],
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.judgeError', Next: 'CheckTraining' }],
      Next: 'CheckTraining',
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
      Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.trainError', Next: 'Judge' }],
      Next: 'Judge',
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
    // Simulate pays for a call per simulated user and page: it is never run again whole.
    expect(feedback.Branches[0]?.States.Simulate).toMatchObject({
      Retry: [LAMBDA_RETRY, NO_RETRY],
    });
    expect(feedback.Branches[1]?.States.Diagnose).toMatchObject({
      Retry: [LAMBDA_RETRY, NO_RETRY, STEP_RETRY],
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

  it("has the judge score the best program's model on test, then finalizes even when it failed", () => {
    expect(states.FinalEvaluation).toMatchObject({
      Type: 'Task',
      Resource: arnOfStep('judge'),
      Parameters: { split: 'test', 'runId.$': '$.runId', 'programId.$': '$.final.programId' },
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
