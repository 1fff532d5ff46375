import { z } from 'zod';
import type { LedgerEntry } from './ledger.js';

/** One Lambda invocation of a step, as the Lambda shell measured it; priced when read. */
const stepUsageSchema = z
  .object({
    runId: z.string().min(1),
    /** The state machine's state, e.g. `Judge`, `Simulate`. */
    state: z.string().min(1),
    programId: z.string().min(1).optional(),
    /** The invocation's request id: an invocation is stored once, however often it is seen. */
    requestId: z.string().min(1),
    seconds: z.number().min(0),
    memoryMb: z.int().min(1),
    at: z.iso.datetime(),
  })
  .strict();

type StepUsage = z.infer<typeof stepUsageSchema>;

interface LambdaPrices {
  readonly lambdaUsdPerGbSecond: number;
  readonly lambdaUsdPerRequest: number;
}

/** Lambda's bill for the invocations: GB-seconds at the run's price, plus the request fee. */
function stepUsageLedger(usages: readonly StepUsage[], prices: LambdaPrices): LedgerEntry[] {
  return usages.map((usage) => ({
    kind: 'lambda',
    usd:
      (usage.memoryMb / 1024) * usage.seconds * prices.lambdaUsdPerGbSecond +
      prices.lambdaUsdPerRequest,
    at: usage.at,
    seconds: usage.seconds,
    ...(usage.programId === undefined ? {} : { programId: usage.programId }),
  }));
}

export type { LambdaPrices, StepUsage };
export { stepUsageLedger, stepUsageSchema };
