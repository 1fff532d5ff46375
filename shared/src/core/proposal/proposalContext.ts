import type { ProgramFiles } from '../program/index.js';

/** What a prompt says about an evaluated program: its id, figures and (when LLM-made) idea. */
interface ProgramBrief {
  readonly id: string;
  /** Validation figures and other numeric features (`val_ndcg@10`, `satisfaction`, …). */
  readonly metrics: Readonly<Record<string, number>>;
  readonly idea?: string;
}

/** An inspiration: another program of the archive, shown as its difference from the parent. */
interface InspirationBrief extends ProgramBrief {
  /** Unified diff from the parent to this program. */
  readonly diffFromParent: string;
}

/** A child of the same parent that failed, so the next proposal does not repeat it. */
interface FailedAttempt {
  readonly idea: string;
  readonly reason: string;
}

/** Everything one LLM proposal is built from; plain data, gathered by the engine. */
interface ProposalContext {
  readonly parent: ProgramBrief & { readonly files: ProgramFiles };
  /** Directional feedback already assembled and bounded; absent for metrics-only strategies. */
  readonly directionalFeedback?: string;
  readonly inspirations: readonly InspirationBrief[];
  readonly failedAttempts: readonly FailedAttempt[];
  /** Files the proposal may edit: `model.py`, plus `probes.js` when co-evolving. */
  readonly editableFiles: readonly string[];
}

export type { FailedAttempt, InspirationBrief, ProgramBrief, ProposalContext };
