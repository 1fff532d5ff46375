import { z } from 'zod';
import type { LedgerTotals } from './ledger.js';

/** Limits of one run; an absent limit does not apply. */
const runBudgetSchema = z
  .object({
    usd: z.number().positive().optional(),
    iterations: z.int().min(1).optional(),
    wallSeconds: z.number().positive().optional(),
  })
  .strict();

type RunBudget = z.infer<typeof runBudgetSchema>;

interface RunProgress {
  readonly iterationsDone: number;
  readonly elapsedSeconds: number;
  /** What the next proposal is expected to cost; it must fit in what is left. */
  readonly nextCallEstimateUsd?: number;
}

type BudgetCheck =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly exhausted: 'usd' | 'iterations' | 'wall';
      readonly message: string;
    };

const usd = (value: number): string => `$${value.toFixed(4)}`;

/** Whether the run may propose once more; called before every proposal. */
function checkBudget(totals: LedgerTotals, budget: RunBudget, progress: RunProgress): BudgetCheck {
  const estimate = progress.nextCallEstimateUsd ?? 0;
  if (
    budget.usd !== undefined &&
    (totals.usd >= budget.usd || totals.usd + estimate > budget.usd)
  ) {
    const next = estimate > 0 ? ` and the next call is estimated at ${usd(estimate)}` : '';
    return {
      ok: false,
      exhausted: 'usd',
      message: `USD budget exhausted: spent ${usd(totals.usd)} of ${usd(budget.usd)}${next}`,
    };
  }
  if (budget.iterations !== undefined && progress.iterationsDone >= budget.iterations) {
    return {
      ok: false,
      exhausted: 'iterations',
      message: `iteration budget exhausted: ${progress.iterationsDone} of ${budget.iterations} done`,
    };
  }
  if (budget.wallSeconds !== undefined && progress.elapsedSeconds >= budget.wallSeconds) {
    return {
      ok: false,
      exhausted: 'wall',
      message: `wall-time budget exhausted: ${Math.round(progress.elapsedSeconds)} s of ${budget.wallSeconds} s elapsed`,
    };
  }
  return { ok: true };
}

export type { BudgetCheck, RunBudget, RunProgress };
export { checkBudget, runBudgetSchema };
