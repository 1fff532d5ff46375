import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { z } from 'zod';
import { createDynamoRunRegistry } from '../../shared/src/adapters/aws/index.js';
import { createSfnExecutions } from '../../shared/src/adapters/aws/sfnExecutions.js';
import type { AdmissionDependencies } from '../../shared/src/api/index.js';
import { admissionMessageSchema, admitQueuedRun } from '../../shared/src/api/index.js';
import { parseContract, parseJsonContract } from '../../shared/src/core/contracts/index.js';
import { readFunctionEnvironment } from '../../shared/src/lambda/environment.js';
import { powertoolsFor } from '../../shared/src/lambda/powertools.js';
import { withLambdaShell } from '../../shared/src/lambda/withLambdaShell.js';

const sqsEventSchema = z.object({
  Records: z.array(z.object({ messageId: z.string().min(1), body: z.string() })),
});

const { logger, metrics, tracer } = powertoolsFor('starter');
let deps: AdmissionDependencies | undefined;

/** Built at the first message, so that importing the handler reads no environment. */
function dependencies(): AdmissionDependencies {
  const env = readFunctionEnvironment([
    'TABLE_NAME',
    'STATE_MACHINE_ARN',
    'TEAM_MAX_CONCURRENT_RUNS',
    'TEAM_MAX_RUN_USD',
  ]);
  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({}));
  const sfn = tracer.captureAWSv3Client(new SFNClient({}));
  return {
    registry: createDynamoRunRegistry({ client: dynamo, tableName: env.TABLE_NAME }),
    executions: createSfnExecutions({ client: sfn, stateMachineArn: env.STATE_MACHINE_ARN }),
    limits: { maxConcurrentRuns: env.TEAM_MAX_CONCURRENT_RUNS, maxRunUsd: env.TEAM_MAX_RUN_USD },
    now: () => new Date(),
  };
}

/**
 * A message whose run must wait, or whose admission failed, is reported as a batch item failure:
 * SQS delivers it again after the visibility timeout, and the dead-letter queue receives the
 * messages that never get admitted. One at a time, so each admission counts the runs before it.
 */
export const handler = withLambdaShell('starter', async (event: SQSEvent) => {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const { messageId, body } of parseContract(sqsEventSchema, event, 'the SQS event').Records) {
    try {
      const { runId } = parseJsonContract(admissionMessageSchema, body, `message ${messageId}`);
      deps ??= dependencies();
      const outcome = await admitQueuedRun(runId, deps);
      logger.info('admission', { runId, outcome });
      metrics.addMetric(`admission_${outcome}`, MetricUnit.Count, 1);
      if (outcome === 'waiting') batchItemFailures.push({ itemIdentifier: messageId });
    } catch (error) {
      logger.error('admission failed', { messageId, error });
      batchItemFailures.push({ itemIdentifier: messageId });
    }
  }
  return { batchItemFailures } satisfies SQSBatchResponse;
});
