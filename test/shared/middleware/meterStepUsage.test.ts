import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import type { StepUsage } from '../../../shared/src/core/llm/index.js';
import { meterStepUsage } from '../../../shared/src/middleware/meterStepUsage.js';

function context(requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'judge',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:judge',
    memoryLimitInMB: '3008',
    awsRequestId: requestId,
    logGroupName: '/aws/lambda/judge',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 60_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** A step that takes `ms` and then succeeds or throws, metered into `recorded`. */
function meteredStep(recorded: StepUsage[], options: { ms: number; fails?: boolean }) {
  const warnings: string[] = [];
  const handler = middy(async (_event: unknown) => {
    await new Promise((resolve) => setTimeout(resolve, options.ms));
    if (options.fails) throw new Error('the step failed');
    return { ok: true };
  }).use(
    meterStepUsage({
      state: 'Judge',
      record: async (usage) => {
        recorded.push(usage);
      },
      warn: (message) => warnings.push(message),
    })
  );
  return { handler, warnings };
}

describe('meterStepUsage', () => {
  it('records one usage per invocation: the run, the program, the seconds, the memory', async () => {
    // Prepare
    const recorded: StepUsage[] = [];
    const { handler } = meteredStep(recorded, { ms: 50 });

    // Act
    await handler({ runId: 'run-1', programId: 'g001-c00', attempt: 1 }, context('req-1'));
    await handler({ runId: 'run-1', programId: 'g001-c01', attempt: 1 }, context('req-2'));

    // Assert
    expect(recorded).toHaveLength(2);
    expect(recorded[0]).toMatchObject({
      runId: 'run-1',
      state: 'Judge',
      programId: 'g001-c00',
      requestId: 'req-1',
      memoryMb: 3008,
    });
    expect(recorded[0]?.seconds).toBeGreaterThanOrEqual(0.045);
    expect(recorded[0]?.seconds).toBeLessThan(5);
  });

  it('meters a failed invocation too (Lambda bills it), and the error still propagates', async () => {
    // Prepare
    const recorded: StepUsage[] = [];
    const { handler } = meteredStep(recorded, { ms: 10, fails: true });

    // Act
    const invocation = handler({ runId: 'run-1' }, context('req-3'));

    // Assert
    await expect(invocation).rejects.toThrow('the step failed');
    expect(recorded).toEqual([expect.objectContaining({ requestId: 'req-3', runId: 'run-1' })]);
  });

  it('leaves an event without a run unmetered', async () => {
    const recorded: StepUsage[] = [];
    await meteredStep(recorded, { ms: 1 }).handler({ resource: '/runs' }, context('req-4'));
    expect(recorded).toEqual([]);
  });

  it('warns, and keeps the step result, when the usage cannot be stored', async () => {
    // Prepare
    const warnings: string[] = [];
    const handler = middy(async () => ({ ok: true })).use(
      meterStepUsage({
        state: 'Record',
        record: async () => {
          throw new Error('throttled');
        },
        warn: (message) => warnings.push(message),
      })
    );

    // Act
    const result = await handler({ runId: 'run-1' }, context('req-5'));

    // Assert
    expect(result).toEqual({ ok: true });
    expect(warnings).toEqual(['could not record the step usage']);
  });
});
