import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import type { RunTable } from '../data/run-table.js';
import { objectKeys } from '../storage/object-keys.js';
import { type DataAccess, grantDataAccess } from './data-access.js';
import { API_SIZE, STEP_SIZE } from './function-sizes.js';
import { ServiceFunction } from './service-function.js';

/** A team's limits, which the starter checks on every admission (new and resumed runs). */
interface TeamLimits {
  readonly maxConcurrentRuns: number;
  readonly maxRunUsd: number;
}

interface ControlFunctionsProps {
  readonly runTable: RunTable;
  readonly bucket: IBucket;
  readonly stateMachine: IStateMachine;
  readonly admissionQueue: IQueue;
  readonly teamLimits: TeamLimits;
  /** Principal ARN → team, as the settings resolve it: who may call the API, for which team. */
  readonly callerTeams: Readonly<Record<string, string>>;
}

/**
 * The API's access: runs (created, read, changed by cancel and resume), a team's runs (listed),
 * programs and the state (read), seeds (written), program files, models and reports (read).
 */
const API_ACCESS = {
  items: ['GetItem', 'PutItem', 'UpdateItem'],
  teamQueries: true,
  // Models are read only to presign their download URLs (a URL is worth what its signer may read).
  reads: [objectKeys.programFiles, objectKeys.programModels, objectKeys.reports],
  writes: [objectKeys.seeds],
} as const satisfies DataAccess;

/** The starter's: the queued run (read, admitted), its team's running runs (counted). */
const STARTER_ACCESS = {
  items: ['GetItem', 'UpdateItem'],
  teamQueries: true,
  reads: [],
  writes: [],
} as const satisfies DataAccess;

/**
 * The functions around the state machine: `api` (behind API Gateway: create, list, read, cancel,
 * resume; it queues runs, never starts one) and `starter` (the admission queue's consumer, the
 * only one that starts executions).
 */
class ControlFunctions extends Construct {
  public readonly api: NodejsFunction;
  public readonly starter: NodejsFunction;

  constructor(scope: Construct, id: string, props: ControlFunctionsProps) {
    super(scope, id);
    const stores = { runTable: props.runTable, bucket: props.bucket };
    const tableAndBucket = { table: props.runTable.table, bucket: props.bucket };

    this.api = new ServiceFunction(this, 'Api', {
      ...tableAndBucket,
      ...API_SIZE,
      name: 'api',
      description:
        "the runs API: a team's runs created, listed and read with their programs and reports; cancel, resume",
      environment: {
        STATE_MACHINE_ARN: props.stateMachine.stateMachineArn,
        ADMISSION_QUEUE_URL: props.admissionQueue.queueUrl,
        CALLER_TEAMS: JSON.stringify(props.callerTeams),
      },
    }).function;
    grantDataAccess(this.api, API_ACCESS, stores);
    props.admissionQueue.grantSendMessages(this.api);
    // Cancelling stops the run's execution; nothing else of Step Functions is the API's.
    props.stateMachine.grantExecution(this.api, 'states:StopExecution');

    this.starter = new ServiceFunction(this, 'Starter', {
      ...tableAndBucket,
      ...STEP_SIZE,
      name: 'starter',
      description: "admits a queued run within its team's limits and starts its execution",
      environment: {
        STATE_MACHINE_ARN: props.stateMachine.stateMachineArn,
        TEAM_MAX_CONCURRENT_RUNS: String(props.teamLimits.maxConcurrentRuns),
        TEAM_MAX_RUN_USD: String(props.teamLimits.maxRunUsd),
      },
    }).function;
    grantDataAccess(this.starter, STARTER_ACCESS, stores);
    props.stateMachine.grantStartExecution(this.starter);
    // A redelivered admission finds the run's execution (named after the run and its admission)
    // already started;
    // a run cancelled while its execution started has that execution stopped.
    props.stateMachine.grantExecution(
      this.starter,
      'states:DescribeExecution',
      'states:StopExecution'
    );
    // One run per invocation, so that a run refused for now returns alone to the queue.
    this.starter.addEventSource(
      new SqsEventSource(props.admissionQueue, { batchSize: 1, reportBatchItemFailures: true })
    );
    for (const fn of [this.api, this.starter]) {
      NagSuppressions.addResourceSuppressions(
        fn,
        [
          {
            id: 'AwsSolutions-IAM5',
            reason:
              'Executions of the run state machine only (stop, describe): their names are run ids, known only at run time.',
            appliesTo: [
              {
                regex:
                  '/^Resource::arn:<AWS::Partition>:states:<AWS::Region>:<AWS::AccountId>:execution:.+:\\*$/',
              },
            ],
          },
        ],
        true
      );
    }
  }
}

export type { ControlFunctionsProps, TeamLimits };
export { ControlFunctions };
