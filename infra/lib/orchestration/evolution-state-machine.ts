import { Duration } from 'aws-cdk-lib';
import type { IJobDefinition, IJobQueue } from 'aws-cdk-lib/aws-batch';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  DefinitionBody,
  DistributedMap,
  Errors,
  Fail,
  IntegrationPattern,
  JsonPath,
  LogLevel,
  Parallel,
  StateMachine,
  StateMachineType,
  Succeed,
  TaskInput,
  type TaskStateBase,
} from 'aws-cdk-lib/aws-stepfunctions';
import { BatchSubmitJob, LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { PERMANENT_ERROR_NAMES } from '../../../shared/src/errors.js';
import type { StepName } from '../functions/pipeline-functions.js';
import { ServiceLogGroup } from '../observability/service-log-group.js';

interface EvolutionStateMachineProps {
  /** The Lambda of each Task state, by its functions/ folder. */
  readonly steps: Readonly<Record<StepName, IFunction>>;
  readonly jobQueue: IJobQueue;
  readonly trainCandidate: IJobDefinition;
  /** Candidates of a generation evaluated at once. */
  readonly candidateConcurrency: number;
}

/**
 * One run, exactly as functions/README.md draws it (state names, choices and payload paths are
 * the contract with the handlers and with the local runner, which maps Task states by name):
 * start, generations of candidates in a Distributed Map (one child execution per candidate, so a
 * run's history stays far below 25,000 events), the judge's test evaluation of the best, the
 * report. Every fault inside a candidate's branch ends in that candidate's RecordFailure and the
 * Map tolerates the items that fail even so: a candidate never ends the run. Faults outside a
 * candidate (StartRun, RecordGeneration, Finalize) mark the run failed.
 */
class EvolutionStateMachine extends Construct {
  public readonly stateMachine: StateMachine;

  constructor(scope: Construct, id: string, props: EvolutionStateMachineProps) {
    super(scope, id);
    /**
     * A step's Lambda whose return value is the state's output. Lambda's own faults are
     * retried, and so is a step that failed on something that may pass (a throttled table, a
     * slow endpoint; the steps are idempotent, so a retry writes nothing twice); an error that
     * will recur (a bad input, a missing object, an LLM that gave up after its own retries) is
     * not retried. A step whose every run pays for many LLM calls (Simulate: a call per simulated
     * user and page) is not run again whole: its calls have their own retries, and a failure
     * leaves the candidate's feedback without that part.
     */
    const invoke = (
      stateName: string,
      step: StepName,
      options: {
        readonly payload?: TaskInput;
        readonly resultPath?: string;
        readonly retryFailures?: boolean;
      } = {}
    ): TaskStateBase => {
      const task = new LambdaInvoke(this, stateName, {
        lambdaFunction: props.steps[step],
        payloadResponseOnly: true,
        retryOnServiceExceptions: true,
        ...(options.payload === undefined ? {} : { payload: options.payload }),
        ...(options.resultPath === undefined ? {} : { resultPath: options.resultPath }),
      }).addRetry({ errors: [...PERMANENT_ERROR_NAMES], maxAttempts: 0 });
      if (options.retryFailures === false) return task;
      return task.addRetry({
        errors: [Errors.TASKS_FAILED],
        interval: Duration.seconds(2),
        maxAttempts: 2,
        backoffRate: 2,
      });
    };
    const nextIs = (value: string) => Condition.stringEquals('$.next', value);

    // The run's failure path.
    const failRun = invoke('FailRun', 'fail-run');
    failRun.next(new Fail(this, 'RunFailed'));
    const failsRun = { errors: [Errors.ALL], resultPath: '$.error' };

    // One candidate: propose, train (and repair), judge, feedback, record.
    const candidateDone = new Succeed(this, 'CandidateDone');
    const recordFailure = invoke('RecordFailure', 'record-failure');
    recordFailure.next(candidateDone);
    const failsCandidate = { errors: [Errors.ALL], resultPath: '$.candidateError' };
    const checkTraining = invoke('CheckTraining', 'check-training').addCatch(
      recordFailure,
      failsCandidate
    );
    const judge = invoke('Judge', 'judge', {
      payload: TaskInput.fromObject({
        split: 'val',
        runId: JsonPath.stringAt('$.runId'),
        generation: JsonPath.numberAt('$.generation'),
        programId: JsonPath.stringAt('$.programId'),
        attempt: JsonPath.numberAt('$.attempt'),
      }),
      resultPath: JsonPath.DISCARD,
    }).addCatch(checkTraining, { errors: [Errors.ALL], resultPath: '$.judgeError' });
    judge.next(checkTraining);
    const train = new BatchSubmitJob(this, 'Train', {
      integrationPattern: IntegrationPattern.RUN_JOB,
      jobQueueArn: props.jobQueue.jobQueueArn,
      jobDefinitionArn: props.trainCandidate.jobDefinitionArn,
      jobName: JsonPath.stringAt('$.job.name'),
      containerOverrides: { command: JsonPath.listAt('$.job.command') },
      // The job's outcome is read from S3 (metrics.json), so its result is dropped.
      resultPath: JsonPath.DISCARD,
    })
      .addRetry({
        errors: ['Batch.AWSBatchException'],
        interval: Duration.seconds(10),
        maxAttempts: 3,
        backoffRate: 2,
      })
      .addCatch(judge, { errors: [Errors.ALL], resultPath: '$.trainError' });
    train.next(judge);
    const record = invoke('Record', 'record').addCatch(recordFailure, failsCandidate);
    record.next(candidateDone);
    const feedback = new Parallel(this, 'Feedback', { resultPath: JsonPath.DISCARD })
      .branch(invoke('Simulate', 'simulate', { retryFailures: false }))
      .branch(invoke('Diagnose', 'diagnose'))
      .addCatch(record, { errors: [Errors.ALL], resultPath: '$.feedbackError' });
    feedback.next(record);
    checkTraining.next(
      new Choice(this, 'AfterCheck')
        .when(nextIs('train'), train)
        .when(nextIs('feedback'), feedback)
        .otherwise(candidateDone)
    );
    const propose = invoke('Propose', 'propose').addCatch(recordFailure, failsCandidate);
    propose.next(
      new Choice(this, 'AfterPropose')
        .when(nextIs('train'), train)
        .when(nextIs('check'), judge)
        .otherwise(candidateDone)
    );

    // The run: generations until the budget is spent, then the judge's test evaluation.
    const generation = new DistributedMap(this, 'Generation', {
      itemsPath: '$.candidates',
      itemSelector: {
        runId: JsonPath.stringAt('$.runId'),
        generation: JsonPath.numberAt('$.generation'),
        programId: JsonPath.stringAt('$$.Map.Item.Value'),
      },
      maxConcurrency: props.candidateConcurrency,
      // A candidate whose RecordFailure failed too is recorded by RecordGeneration.
      toleratedFailurePercentage: 100,
      resultPath: JsonPath.DISCARD,
    })
      .itemProcessor(propose)
      .addCatch(failRun, failsRun);
    const finalize = invoke('Finalize', 'finalize').addCatch(failRun, failsRun);
    const finalEvaluation = invoke('FinalEvaluation', 'judge', {
      payload: TaskInput.fromObject({
        split: 'test',
        runId: JsonPath.stringAt('$.runId'),
        programId: JsonPath.stringAt('$.final.programId'),
      }),
      resultPath: JsonPath.DISCARD,
    }).addCatch(finalize, { errors: [Errors.ALL], resultPath: '$.finalError' });
    finalEvaluation.next(finalize);
    const nextStep = new Choice(this, 'NextStep')
      .when(nextIs('generation'), generation)
      .when(nextIs('finalize'), finalEvaluation)
      .otherwise(failRun);
    generation
      .next(invoke('RecordGeneration', 'record-generation').addCatch(failRun, failsRun))
      .next(nextStep);
    const startRun = invoke('StartRun', 'start-run').addCatch(failRun, failsRun);
    startRun.next(nextStep);

    this.stateMachine = new StateMachine(this, 'StateMachine', {
      comment: 'evolverec: one run of the evolution loop (functions/README.md)',
      stateMachineType: StateMachineType.STANDARD,
      definitionBody: DefinitionBody.fromChainable(startRun),
      tracingEnabled: true,
      logs: {
        destination: new ServiceLogGroup(this, 'Logs'),
        level: LogLevel.ERROR,
        // Payloads carry ids and keys only, but keep even those out of the logs.
        includeExecutionData: false,
      },
    });
    NagSuppressions.addResourceSuppressions(
      this.stateMachine,
      [
        {
          id: 'AwsSolutions-SF1',
          reason:
            'Errors only: ALL would log every transition of every candidate of every generation, at a cost per event, while X-Ray traces each execution and the steps log through Powertools.',
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "LambdaInvoke grants each step's function and its versions (<arn>:*); the functions are the pipeline's own.",
          appliesTo: [{ regex: '/^Resource::<[A-Za-z0-9]+\\.Arn>:\\*$/' }],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'BatchSubmitJob grants batch:SubmitJob on job definitions by name and any revision; the job queue ARN beside it is exact.',
          appliesTo: [
            'Resource::arn:<AWS::Partition>:batch:<AWS::Region>:<AWS::AccountId>:job-definition/*',
          ],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "CloudWatch Logs' log-delivery actions (Step Functions logging) and X-Ray's tracing actions have no resource-level permissions.",
          appliesTo: ['Resource::*'],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'The Distributed Map starts, describes, stops and redrives the child executions of this same state machine, whose names Step Functions generates.',
          appliesTo: [
            {
              regex:
                '/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.+(:|\\/)\\*$/',
            },
          ],
        },
      ],
      true
    );
  }
}

export type { EvolutionStateMachineProps };
export { EvolutionStateMachine };
