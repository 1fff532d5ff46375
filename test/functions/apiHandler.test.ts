import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDynamoRunRegistry } from '../../shared/src/adapters/aws/index.js';
import type { EmbeddedServers, LocalAwsClients } from '../../shared/src/local/embeddedServers.js';
import {
  createLocalAwsClients,
  ensureLocalTableAndBucket,
  startEmbeddedServers,
} from '../../shared/src/local/embeddedServers.js';
import { queuedRun } from '../helpers/runRecords.js';
import { apiGatewayEvent, lambdaContext } from './apiGatewayEvent.js';

const TABLE = 'evolverec-api-test';
const BUCKET = 'evolverec-api-test';

let dataDir: string;
let servers: EmbeddedServers;
let clients: LocalAwsClients;
let handler: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'evolverec-api-'));
  servers = await startEmbeddedServers({ dataDir });
  clients = createLocalAwsClients(servers);
  await ensureLocalTableAndBucket(clients, { tableName: TABLE, bucket: BUCKET });
  // The function's environment, its AWS clients pointed at the embedded servers, and what the
  // local runner sets to keep Powertools quiet.
  for (const [name, value] of Object.entries({
    TABLE_NAME: TABLE,
    BUCKET_NAME: BUCKET,
    STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:evolverec',
    ADMISSION_QUEUE_URL: 'https://sqs.us-east-1.amazonaws.com/123456789012/admission',
    CALLER_TEAMS: JSON.stringify({
      'arn:aws:iam::123456789012:role/recsys-ci': 'recsys',
      'arn:aws:iam::123456789012:user/sam': 'search',
    }),
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: servers.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: servers.credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: servers.dynamoEndpoint,
    AWS_ENDPOINT_URL_S3: servers.s3Endpoint,
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
  })) {
    vi.stubEnv(name, value);
  }
  const module = await import('../../functions/api/handler.js');
  handler = (event) => module.handler(event, lambdaContext);
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await servers?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const bodyOf = (result: APIGatewayProxyResult) =>
  JSON.parse(result.body) as Record<string, unknown>;

describe('the api handler, over DynamoDB and S3 stand-ins', () => {
  it('reads a run, its report page and its report.json through API Gateway events', async () => {
    // Arrange
    const registry = createDynamoRunRegistry({ client: clients.documents, tableName: TABLE });
    await registry.createRun(queuedRun('r1', { status: 'finished' }));
    const page = '<!DOCTYPE html>\n<html><body><h1>run r1 · NDCG@10 0.0537</h1></body></html>\n';
    for (const [Key, Body] of [
      ['runs/r1/report.json', '{"best":"g1"}'],
      ['runs/r1/report.html', page],
    ] as const) {
      await clients.s3.send(new PutObjectCommand({ Bucket: BUCKET, Key, Body }));
    }
    const get = (resource: string, path: string, query?: Record<string, string>) =>
      handler(
        apiGatewayEvent({
          method: 'GET',
          resource,
          path,
          pathParameters: { runId: 'r1' },
          ...(query === undefined ? {} : { query }),
        })
      );

    // Act
    const run = await get('/runs/{runId}', '/runs/r1');
    const report = await get('/runs/{runId}/report', '/runs/r1/report');
    const json = await get('/runs/{runId}/report', '/runs/r1/report', { format: 'json' });

    // Assert
    expect(run.statusCode).toBe(200);
    expect(run.headers).toEqual({ 'content-type': 'application/json' });
    expect(bodyOf(run)).toEqual({ run: queuedRun('r1', { status: 'finished' }) });
    expect(report.statusCode).toBe(200);
    expect(report.headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
    });
    expect(report.body).toBe(page);
    expect(json.statusCode).toBe(200);
    expect(bodyOf(json)).toEqual({ best: 'g1' });
  });

  it("takes the caller's team from its IAM identity: another team's run is not found", async () => {
    // Arrange
    const registry = createDynamoRunRegistry({ client: clients.documents, tableName: TABLE });
    await registry.createRun(queuedRun('r2'));
    const get = (callerArn: string) =>
      handler(
        apiGatewayEvent({
          method: 'GET',
          resource: '/runs/{runId}',
          path: '/runs/r2',
          pathParameters: { runId: 'r2' },
          callerArn,
        })
      );

    // Act
    const otherTeam = await get('arn:aws:iam::123456789012:user/sam');
    const noTeam = await get('arn:aws:iam::123456789012:user/eve');

    // Assert
    expect(otherTeam.statusCode).toBe(404);
    expect(noTeam.statusCode).toBe(403);
    expect(bodyOf(noTeam)).toMatchObject({ error: { code: 'FORBIDDEN' } });
  });

  it('answers a bad config with a 400 naming the field', async () => {
    // Arrange
    const body = JSON.stringify({
      config: { strategy: 'nas', dataset: 'ml-100k', generations: 0 },
      seedFiles: { 'model.py': 'import torch\n' },
    });

    // Act
    const response = await handler(
      apiGatewayEvent({ method: 'POST', resource: '/runs', path: '/runs', body })
    );

    // Assert
    expect(response.statusCode).toBe(400);
    expect(bodyOf(response)).toMatchObject({
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('config.generations:') },
    });
  });

  it('answers what it did not expect with a 500 that tells nothing of it', async () => {
    // Act
    const response = await handler({ httpMethod: 'GET' } as APIGatewayProxyEvent);

    // Assert
    expect(response.statusCode).toBe(500);
    expect(bodyOf(response)).toEqual({
      error: { code: 'INTERNAL', message: 'internal error; it has been logged' },
    });
  });
});
