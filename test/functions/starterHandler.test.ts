import type { SQSEvent } from 'aws-lambda';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdmissionOutcome } from '../../shared/src/api/index.js';
import { lambdaContext } from './apiGatewayEvent.js';

// The admission logic has its own tests; here only how outcomes become SQS batch answers.
const admitQueuedRun = vi.hoisted(() => vi.fn<(runId: string) => Promise<AdmissionOutcome>>());
vi.mock('../../shared/src/api/index.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../shared/src/api/index.js')>()),
  admitQueuedRun,
}));

let handler: (event: SQSEvent) => Promise<unknown>;

beforeAll(async () => {
  for (const [name, value] of Object.entries({
    TABLE_NAME: 'evolverec-runs',
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:evolverec',
    TEAM_MAX_CONCURRENT_RUNS: '2',
    TEAM_MAX_RUN_USD: '10',
    AWS_REGION: 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
  })) {
    vi.stubEnv(name, value);
  }
  const module = await import('../../functions/starter/handler.js');
  handler = (event) => module.handler(event, lambdaContext);
});

beforeEach(() => {
  admitQueuedRun.mockReset();
});

/** An SQS event of admission messages, with the fields SQS sends. */
function sqsEvent(bodies: Record<string, string>): SQSEvent {
  return {
    Records: Object.entries(bodies).map(([messageId, body]) => ({
      messageId,
      receiptHandle: `handle-${messageId}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: '1795600000000',
        SenderId: 'AIDAEXAMPLE',
        ApproximateFirstReceiveTimestamp: '1795600000001',
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:admission',
      awsRegion: 'us-east-1',
    })),
  };
}

describe('the starter handler', () => {
  it('hands back the waiting runs and the failed admissions, so SQS delivers them again', async () => {
    // Arrange
    const outcomes: Record<string, AdmissionOutcome | Error> = {
      started: 'started',
      waiting: 'waiting',
      rejected: 'rejected',
      skipped: 'skipped',
      broken: new Error('DynamoDB throttled'),
    };
    admitQueuedRun.mockImplementation(async (runId) => {
      const outcome = outcomes[runId];
      if (outcome instanceof Error) throw outcome;
      return outcome ?? 'skipped';
    });
    const messages = Object.fromEntries(
      Object.keys(outcomes).map((runId) => [`m-${runId}`, JSON.stringify({ runId })])
    );

    // Act
    const response = await handler(sqsEvent(messages));

    // Assert
    expect(response).toEqual({
      batchItemFailures: [{ itemIdentifier: 'm-waiting' }, { itemIdentifier: 'm-broken' }],
    });
    expect(admitQueuedRun.mock.calls.map(([runId]) => runId)).toEqual(Object.keys(outcomes));
  });

  it('hands back a message that is not an admission message, admitting nothing for it', async () => {
    // Arrange
    admitQueuedRun.mockResolvedValue('started');

    // Act
    const response = await handler(
      sqsEvent({ bad: '{"run":"r1"}', good: JSON.stringify({ runId: 'r2' }) })
    );

    // Assert
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'bad' }] });
    expect(admitQueuedRun).toHaveBeenCalledTimes(1);
  });
});
