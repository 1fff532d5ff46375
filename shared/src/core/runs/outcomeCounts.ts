import type { ProgramSummary, RunConfig } from '../evolution/index.js';
import { outcomeLabel, strategyTraits } from '../evolution/index.js';

/**
 * How a strategy's candidates ended with one set of models: a count per outcome (`trained`,
 * `edits_not_applied`, `harness_failure (exception)`, …), and how the repair loop did: of the
 * candidates that went to it, how many reached training.
 */
interface OutcomeCounts {
  readonly strategy: string;
  /** `proposer-model / coder-model`, or `no LLM` when the strategy proposes without one. */
  readonly model: string;
  readonly candidates: number;
  readonly counts: Readonly<Record<string, number>>;
  readonly repair: {
    readonly candidates: number;
    readonly trained: number;
    /** trained / candidates; null when no candidate went to repair. */
    readonly successRate: number | null;
  };
}

/**
 * The outcome counts of a run's candidates (the seed is not one), one group for its strategy
 * and models (`no LLM` where the strategy proposes without one, an llm section or not). A program recorded before outcomes were kept counts as `unknown`.
 */
function outcomeCounts(
  config: Pick<RunConfig, 'strategy' | 'llm'>,
  programs: readonly ProgramSummary[]
): OutcomeCounts {
  const candidates = programs.filter((program) => program.parentId !== null);
  const counts: Record<string, number> = {};
  for (const program of candidates) {
    const label = program.outcome === undefined ? 'unknown' : outcomeLabel(program.outcome);
    counts[label] = (counts[label] ?? 0) + 1;
  }
  const repaired = candidates.filter((program) => (program.repairs ?? 0) > 0);
  const trained = repaired.filter((program) => program.status === 'ok').length;
  const models = config.llm?.models;
  return {
    strategy: config.strategy,
    model:
      strategyTraits(config.strategy).proposer !== 'llm' || models === undefined
        ? 'no LLM'
        : models.proposer === models.coder
          ? models.proposer
          : `${models.proposer} / ${models.coder}`,
    candidates: candidates.length,
    counts,
    repair: {
      candidates: repaired.length,
      trained,
      successRate: repaired.length === 0 ? null : trained / repaired.length,
    },
  };
}

/** `trained 1, edits_not_applied 2; repair: 1 of 2 reached training (50%)`. */
function describeOutcomeCounts(outcomes: OutcomeCounts): string {
  const counts = Object.entries(outcomes.counts)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, count]) => `${label} ${count}`)
    .join(', ');
  const { repair } = outcomes;
  const rate = repair.successRate === null ? '' : ` (${Math.round(repair.successRate * 100)}%)`;
  return `${outcomes.strategy} / ${outcomes.model}: ${counts || 'no candidate'}; repair: ${repair.trained} of ${repair.candidates} reached training${rate}`;
}

export type { OutcomeCounts };
export { describeOutcomeCounts, outcomeCounts };
