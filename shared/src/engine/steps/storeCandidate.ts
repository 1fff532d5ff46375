import type {
  CandidateFailure,
  CandidateOutcome,
  ProgramOutcome,
  ProgramRecord,
  RunState,
} from '../../core/evolution/index.js';
import type { LedgerEntry, LlmExchange } from '../../core/llm/index.js';
import { llmLedgerEntry } from '../../core/llm/index.js';
import type { ProgramFiles } from '../../core/program/index.js';
import { unifiedDiff } from '../../core/program/index.js';
import type { CandidateDraft } from './candidateDraft.js';
import type { StepServices } from './stepServices.js';

/** What the record carries besides the draft: the result, and the files as kept. */
interface CandidateResult {
  readonly files: ProgramFiles;
  readonly parentFiles?: ProgramFiles;
  readonly result: Pick<ProgramRecord, 'status' | 'metrics' | 'features'> & {
    readonly outcome: ProgramOutcome;
  } & Partial<Pick<ProgramRecord, 'failure' | 'feedback' | 'judged' | 'llmFallbacks'>>;
  readonly entry?: CandidateOutcome['entry'];
  /** LLM calls after the draft's (the feedback's). */
  readonly moreExchanges?: readonly LlmExchange[];
}

/**
 * Builds a candidate's record and ledger (its LLM calls, its training seconds at the run's price)
 * and stores it with its files, exchanges and diff. The store's write is conditional, so a
 * retried step stores it once; the stored outcome is returned either way.
 */
async function storeCandidate(
  state: RunState,
  draft: CandidateDraft,
  candidate: CandidateResult,
  services: StepServices
): Promise<CandidateOutcome> {
  const at = services.now().toISOString();
  const exchanges = [...draft.exchanges, ...(candidate.moreExchanges ?? [])];
  const trainSeconds = draft.attemptSeconds.reduce((sum, seconds) => sum + seconds, 0);
  const ledger: LedgerEntry[] = exchanges.map((exchange) =>
    llmLedgerEntry(exchange, draft.programId)
  );
  if (trainSeconds > 0) {
    const usd = (trainSeconds / 3600) * state.config.costs.trainerUsdPerHour;
    ledger.push({ kind: 'gpu', usd, at, programId: draft.programId, seconds: trainSeconds });
  }
  const record: ProgramRecord = {
    id: draft.programId,
    generation: draft.generation,
    island: draft.island,
    parentId: draft.parentId,
    inspirationIds: [...draft.inspirationIds],
    ...candidate.result,
    ...(draft.idea === undefined ? {} : { idea: draft.idea }),
    repairs: [...draft.repairs],
    usd: ledger.reduce((sum, item) => sum + item.usd, 0),
    trainSeconds,
    createdAt: at,
  };
  const outcome: CandidateOutcome = {
    record,
    ledger,
    ...(candidate.entry === undefined ? {} : { entry: candidate.entry }),
  };
  await services.store.saveProgram(state.runId, {
    ...outcome,
    files: candidate.files,
    exchanges,
    ...(candidate.parentFiles === undefined
      ? {}
      : { diffFromParent: unifiedDiff(candidate.parentFiles, candidate.files) }),
  });
  return (await services.store.loadOutcome(state.runId, draft.programId)) ?? outcome;
}

/** Stores a candidate that failed before it could be scored, with how it ended. */
function storeFailedCandidate(
  state: RunState,
  draft: CandidateDraft,
  failure: CandidateFailure & { readonly outcome: ProgramOutcome },
  program: { readonly files: ProgramFiles; readonly parentFiles?: ProgramFiles },
  services: StepServices
): Promise<CandidateOutcome> {
  const { outcome, ...where } = failure;
  return storeCandidate(
    state,
    draft,
    {
      ...program,
      result: { status: 'failed', outcome, failure: where, metrics: {}, features: {} },
    },
    services
  );
}

export type { CandidateResult };
export { storeCandidate, storeFailedCandidate };
