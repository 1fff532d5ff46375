import { bestProgram } from '../core/archive/index.js';
import type { RunState } from '../core/evolution/index.js';
import type { LedgerKind } from '../core/llm/index.js';
import { ledgerTotals } from '../core/llm/index.js';

/** Where a run stands, from its stored state: what a person checking on it wants to see. */
interface RunStateSummary {
  /** The last generation recorded (0: the seed), of the config's `generations`. */
  readonly generation: number;
  readonly generations: number;
  /** Programs stored so far, failed ones included. */
  readonly programs: number;
  /** The best program of the archive and its validation NDCG@10; absent before any trained. */
  readonly best?: { readonly programId: string; readonly valNdcg10: number };
  /** What the ledger holds: the total and its LLM, GPU and Lambda parts. */
  readonly usd: number;
  readonly usdByKind: Readonly<Record<LedgerKind, number>>;
  readonly stopReason?: string;
}

function summarizeRunState(state: RunState): RunStateSummary {
  const best = bestProgram(state.archive);
  const totals = ledgerTotals(state.ledger);
  return {
    generation: state.generation,
    generations: state.config.generations,
    programs: state.programs.length,
    ...(best === undefined ? {} : { best: { programId: best.programId, valNdcg10: best.fitness } }),
    usd: totals.usd,
    usdByKind: totals.usdByKind,
    ...(state.stopReason === undefined ? {} : { stopReason: state.stopReason }),
  };
}

export type { RunStateSummary };
export { summarizeRunState };
