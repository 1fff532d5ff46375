import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { powertoolsFor } from '../../../shared/src/lambda/powertools.js';
import { withLambdaShell } from '../../../shared/src/lambda/withLambdaShell.js';

const context = {
  functionName: 'probe',
  awsRequestId: 'request-1',
  invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:probe',
  memoryLimitInMB: '128',
  functionVersion: '$LATEST',
  getRemainingTimeInMillis: () => 60_000,
} as Context;

let written: string[];

beforeEach(() => {
  written = [];
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  }
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

describe('withLambdaShell', () => {
  it('answers what the core answers, with the Lambda context in its log lines', async () => {
    // Arrange
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'INFO');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const handler = withLambdaShell('shell-logs', async (event: { n: number }) => {
      powertoolsFor('shell-logs').logger.info('core ran');
      return event.n + 1;
    });

    // Act
    const result = await handler({ n: 1 }, context);

    // Assert
    expect(result).toBe(2);
    const line = JSON.parse(written.find((text) => text.includes('core ran')) ?? '{}');
    expect(line).toMatchObject({
      service: 'shell-logs',
      function_name: 'probe',
      function_request_id: 'request-1',
    });
  });

  it('writes nothing to stdout or stderr with the local runner environment', async () => {
    // Arrange
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    vi.stubEnv('POWERTOOLS_TRACE_ENABLED', 'false');
    const handler = withLambdaShell('shell-quiet', async () => {
      const { logger, metrics } = powertoolsFor('shell-quiet');
      logger.error('not shown');
      metrics.addMetric('things', 'Count', 1);
      return 'done';
    });

    // Act
    await handler({}, context);
    await handler({}, context);

    // Assert
    expect(written).toEqual([]);
  });

  it('passes the core’s error on', async () => {
    // Arrange
    vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'true');
    const handler = withLambdaShell('shell-error', async () => {
      throw new Error('boom');
    });

    // Act
    const invoking = handler({}, context);

    // Assert
    await expect(invoking).rejects.toThrow('boom');
  });
});
