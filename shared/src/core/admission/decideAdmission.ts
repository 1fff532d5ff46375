import type { RunRecord } from '../runs/index.js';

/** What a team may hold: runs running at once, and the USD budget of any one run. */
interface AdmissionLimits {
  readonly maxConcurrentRuns: number;
  readonly maxRunUsd: number;
}

/**
 * `wait`: the team is at its concurrency limit, ask again later; `reject`: the run can never be
 * admitted as configured, so it fails with `reason`.
 */
type AdmissionDecision =
  | { readonly kind: 'admit' }
  | { readonly kind: 'wait'; readonly reason: string }
  | { readonly kind: 'reject'; readonly reason: string };

/**
 * Whether a queued run may start now. A run must carry a USD budget within the team's limit, so
 * that no run can spend without bound; that is checked first, since waiting would not change it.
 */
function decideAdmission(request: {
  readonly run: RunRecord;
  readonly runningRuns: number;
  readonly limits: AdmissionLimits;
}): AdmissionDecision {
  const { run, runningRuns, limits } = request;
  const budgetUsd = run.config.budget.usd;
  if (budgetUsd === undefined) {
    return {
      kind: 'reject',
      reason: `config.budget.usd is missing; team ${run.team} admits runs of at most $${limits.maxRunUsd}`,
    };
  }
  if (budgetUsd > limits.maxRunUsd) {
    return {
      kind: 'reject',
      reason: `config.budget.usd $${budgetUsd} is above team ${run.team}'s limit of $${limits.maxRunUsd} per run`,
    };
  }
  if (runningRuns >= limits.maxConcurrentRuns) {
    return {
      kind: 'wait',
      reason: `team ${run.team} has ${runningRuns} of ${limits.maxConcurrentRuns} runs running`,
    };
  }
  return { kind: 'admit' };
}

export type { AdmissionDecision, AdmissionLimits };
export { decideAdmission };
