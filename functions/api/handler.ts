import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  createCloudRunStore,
  createDynamoRunRegistry,
  createS3ObjectStore,
} from '../../shared/src/adapters/aws/index.js';
import { createSfnExecutions } from '../../shared/src/adapters/aws/sfnExecutions.js';
import { createSqsAdmissionQueue } from '../../shared/src/adapters/aws/sqsAdmissionQueue.js';
import type { ApiDependencies, ApiResponse } from '../../shared/src/api/index.js';
import { handleApiRequest, internalErrorResponse, newRunId } from '../../shared/src/api/index.js';
import { apiRequestOfProxyEvent, proxyResultOf } from '../../shared/src/lambda/apiGatewayProxy.js';
import { readFunctionEnvironment } from '../../shared/src/lambda/environment.js';
import { powertoolsFor } from '../../shared/src/lambda/powertools.js';
import { withLambdaShell } from '../../shared/src/lambda/withLambdaShell.js';

const { logger, metrics, tracer } = powertoolsFor('api');
let deps: ApiDependencies | undefined;

/** Built at the first request, so that importing the handler reads no environment. */
function dependencies(): ApiDependencies {
  const env = readFunctionEnvironment([
    'TABLE_NAME',
    'BUCKET_NAME',
    'STATE_MACHINE_ARN',
    'ADMISSION_QUEUE_URL',
    'CALLER_TEAMS',
  ]);
  const dynamo = tracer.captureAWSv3Client(new DynamoDBClient({}));
  const s3 = tracer.captureAWSv3Client(new S3Client({}));
  const objects = createS3ObjectStore({ client: s3, bucket: env.BUCKET_NAME });
  const sqs = tracer.captureAWSv3Client(new SQSClient({}));
  const sfn = tracer.captureAWSv3Client(new SFNClient({}));
  return {
    registry: createDynamoRunRegistry({ client: dynamo, tableName: env.TABLE_NAME }),
    store: createCloudRunStore({ client: dynamo, tableName: env.TABLE_NAME, objects }),
    objects,
    queue: createSqsAdmissionQueue({ client: sqs, queueUrl: env.ADMISSION_QUEUE_URL }),
    executions: createSfnExecutions({ client: sfn, stateMachineArn: env.STATE_MACHINE_ARN }),
    callerTeams: env.CALLER_TEAMS,
    now: () => new Date(),
    newRunId,
  };
}

async function respond(event: APIGatewayProxyEvent): Promise<ApiResponse> {
  try {
    deps ??= dependencies();
    return await handleApiRequest(apiRequestOfProxyEvent(event), deps);
  } catch (error) {
    // Unexpected: logged whole here, answered with nothing of it (it may name tables or keys).
    logger.error('the request failed', { error });
    return internalErrorResponse();
  }
}

export const handler = withLambdaShell('api', async (event: APIGatewayProxyEvent) => {
  const response = await respond(event);
  metrics.addMetric(`responses_${Math.floor(response.statusCode / 100)}xx`, MetricUnit.Count, 1);
  return proxyResultOf(response);
});
