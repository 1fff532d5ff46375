import type { MiddlewareObj, Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import type { StepUsage } from '../core/llm/index.js';

const isFunction = (value: unknown) => typeof value === 'function';

const optionsSchema = z
  .object({
    /** The state machine's state the handler serves. */
    state: z.string().min(1),
    record: z.custom<(usage: StepUsage) => Promise<void>>(isFunction, 'must be a function'),
    /** Where a usage that could not be stored is reported; the step's own result stands. */
    warn: z.custom<(message: string, error: unknown) => void>(isFunction, 'must be a function'),
  })
  .strict();

type MeterStepUsageOptions = z.input<typeof optionsSchema>;

/** The ids a step's event carries; events without a run (none of the pipeline's) are not metered. */
const eventIdsSchema = z
  .object({ runId: z.string().min(1), programId: z.string().min(1).optional() })
  .loose();

/**
 * Meters each invocation of a step (its seconds at its memory size) into the run's costs, on
 * success and on failure alike: Lambda bills both. Stored once per request id, so a duplicate
 * delivery is not billed twice.
 */
function meterStepUsage(
  options: MeterStepUsageOptions
): MiddlewareObj<unknown, unknown, Error, Context> {
  const { state, record, warn } = optionsSchema.parse(options);
  const started = new WeakMap<Context, number>();
  const meter = async (request: Request<unknown, unknown, Error, Context>) => {
    const ids = eventIdsSchema.safeParse(request.event);
    const start = started.get(request.context);
    if (!ids.success || start === undefined) return;
    const usage: StepUsage = {
      runId: ids.data.runId,
      state,
      ...(ids.data.programId === undefined ? {} : { programId: ids.data.programId }),
      requestId: request.context.awsRequestId,
      seconds: (performance.now() - start) / 1000,
      memoryMb: Number(request.context.memoryLimitInMB),
      at: new Date().toISOString(),
    };
    await record(usage).catch((error: unknown) => warn('could not record the step usage', error));
  };
  return {
    before: (request) => {
      started.set(request.context, performance.now());
    },
    after: meter,
    onError: meter,
  };
}

export type { MeterStepUsageOptions };
export { meterStepUsage };
