import type { EvaluationResult } from '../core/evaluation/index.js';
import type {
  CandidateFailure,
  CandidateOutcome,
  CandidatePlan,
  ProgramRecord,
  RepairRecord,
  RunState,
} from '../core/evolution/index.js';
import { archiveEntryFor, editableFiles, strategyTraits } from '../core/evolution/index.js';
import type { LedgerEntry, LlmExchange } from '../core/llm/index.js';
import { llmLedgerEntry } from '../core/llm/index.js';
import type { ProgramFiles } from '../core/program/index.js';
import { codeComplexity, findNearDuplicate, unifiedDiff } from '../core/program/index.js';
import { InvalidArgumentError } from '../errors.js';
import type { EngineServices } from './engineServices.js';
import { llmProposalContext } from './llmProposalContext.js';
import type { Proposal } from './proposeWithLlm.js';
import { proposeWithLlm } from './proposeWithLlm.js';
import { proposeWithNas } from './proposeWithNas.js';
import { repairWithLlm } from './repairWithLlm.js';

/**
 * One candidate from plan to record: propose (LLM or `nas`), reject near-duplicates, train, repair
 * what fails (LLM strategies, bounded), gather feedback, store. Whatever goes wrong with the
 * candidate becomes its failed record; only infrastructure faults (storage, a broken trainer)
 * throw. A candidate already stored is returned as stored, so a retried step repeats nothing.
 */
async function runCandidate(
  state: RunState,
  plan: CandidatePlan,
  services: EngineServices
): Promise<CandidateOutcome> {
  const { store } = services;
  const stored = await store.loadOutcome(state.runId, plan.id);
  if (stored !== undefined) return stored;

  const parentOutcome = await store.loadOutcome(state.runId, plan.parentId);
  if (parentOutcome === undefined) {
    throw new InvalidArgumentError(`parent ${plan.parentId} of ${plan.id} is not stored`);
  }
  const parent = {
    record: parentOutcome.record,
    files: await store.loadProgramFiles(state.runId, plan.parentId),
  };
  const proposal = await propose(state, plan, parent, services);
  const exchanges = [...proposal.exchanges];
  const idea = proposal.idea;
  if (!proposal.ok) {
    return finishFailed(state, plan, services, {
      files: {},
      idea,
      exchanges,
      failure: { stage: 'propose', reason: proposal.reason },
    });
  }

  const duplicate = await nearDuplicateOf(state, proposal.files, services);
  if (duplicate !== undefined) {
    return finishFailed(state, plan, services, {
      files: proposal.files,
      parentFiles: parent.files,
      idea,
      exchanges,
      failure: { stage: 'duplicate', reason: duplicate },
    });
  }

  const trained = await trainWithRepairs(
    state,
    plan,
    proposal.files,
    idea ?? '',
    exchanges,
    services
  );
  const finished = {
    files: trained.files,
    parentFiles: parent.files,
    idea,
    exchanges,
    repairs: trained.repairs,
    trainSeconds: trained.trainSeconds,
  };
  if (trained.result.status === 'failed') {
    const { error } = trained.result;
    const reason = `${error.kind}: ${error.message}${trained.repairNote}`;
    return finishFailed(state, plan, services, {
      ...finished,
      failure: { stage: 'train', reason },
    });
  }
  return finishTrained(state, plan, services, {
    ...finished,
    result: trained.result,
    attempt: trained.attempt,
  });
}

async function propose(
  state: RunState,
  plan: CandidatePlan,
  parent: { readonly record: ProgramRecord; readonly files: ProgramFiles },
  services: EngineServices
): Promise<Proposal> {
  const { config } = state;
  if (strategyTraits(config.strategy).proposer === 'nas') {
    return proposeWithNas(parent.files, services.nasSearchSpace(), {
      seed: `${config.randomSeed}/${plan.id}`,
      maxChanges: config.proposal.nasMaxChanges,
    });
  }
  const context = await llmProposalContext(state, plan, parent, services.store);
  return proposeWithLlm(
    services.llm(),
    services.templates(),
    context,
    config.proposal.correctiveRetries
  );
}

/** Names the archived program this one nearly copies, or undefined. */
async function nearDuplicateOf(
  state: RunState,
  files: ProgramFiles,
  services: EngineServices
): Promise<string | undefined> {
  const ids = Object.keys(state.archive.programs).sort();
  const others = await Promise.all(
    ids.map(async (id) => ({ id, files: await services.store.loadProgramFiles(state.runId, id) }))
  );
  const match = findNearDuplicate(files, others, state.config.proposal.duplicateSimilarity);
  if (match === undefined) return undefined;
  return `near-duplicate of ${match.program.id} (similarity ${match.similarity.toFixed(3)} ≥ ${state.config.proposal.duplicateSimilarity})`;
}

interface Trained {
  readonly files: ProgramFiles;
  readonly result: EvaluationResult;
  readonly repairs: RepairRecord[];
  readonly trainSeconds: number;
  /** The attempt whose result this is: its model is the program's. */
  readonly attempt: number;
  /** Why the repair loop stopped early, appended to a failure reason. */
  readonly repairNote: string;
}

/** Trains; an LLM strategy repairs a failure and trains again, `repairAttempts` times at most. */
async function trainWithRepairs(
  state: RunState,
  plan: CandidatePlan,
  proposed: ProgramFiles,
  idea: string,
  exchanges: LlmExchange[],
  services: EngineServices
): Promise<Trained> {
  const { config } = state;
  const traits = strategyTraits(config.strategy);
  const repairs: RepairRecord[] = [];
  let files = proposed;
  let trainSeconds = 0;
  for (let attempt = 1; ; attempt += 1) {
    services.report(`${plan.id} training (attempt ${attempt})`);
    const result = await services.trainer.evaluate({ programId: plan.id, attempt, files });
    trainSeconds += result.seconds.total;
    if (result.status === 'ok' || !traits.repair || attempt > config.proposal.repairAttempts) {
      return { files, result, repairs, trainSeconds, attempt, repairNote: '' };
    }
    services.report(`${plan.id} failed (${result.error.kind}); repairing`);
    const repair = await repairWithLlm(
      services.llm(),
      services.templates(),
      {
        programId: plan.id,
        files,
        idea,
        failure: result.error,
        editableFiles: editableFiles(traits).filter((file) => files[file] !== undefined),
        correctiveRetries: config.proposal.correctiveRetries,
      },
      exchanges
    );
    repairs.push({
      attempt,
      error: result.error,
      ...(repair.ok ? { diagnosis: repair.diagnosis } : {}),
    });
    if (!repair.ok) {
      return { files, result, repairs, trainSeconds, attempt, repairNote: `; ${repair.reason}` };
    }
    files = repair.files;
  }
}

/** Where a program sits in the run: a candidate's plan, or the seed's (no parent). */
type ProgramOrigin = Omit<CandidatePlan, 'parentId' | 'samplingMode'> & {
  readonly parentId: string | null;
};

interface Finished {
  readonly files: ProgramFiles;
  readonly parentFiles?: ProgramFiles;
  readonly idea: string | undefined;
  readonly exchanges: readonly LlmExchange[];
  readonly repairs?: readonly RepairRecord[];
  readonly trainSeconds?: number;
}

async function finishTrained(
  state: RunState,
  plan: ProgramOrigin,
  services: EngineServices,
  finished: Finished & {
    readonly result: EvaluationResult & { readonly status: 'ok' };
    readonly attempt: number;
  }
): Promise<CandidateOutcome> {
  const { result } = finished;
  const feedback = await services.feedback?.feedbackFor({
    programId: plan.id,
    files: finished.files,
    ...(finished.parentFiles === undefined ? {} : { parentFiles: finished.parentFiles }),
    evaluation: result,
    modelLocation: services.trainer.modelLocation({
      programId: plan.id,
      attempt: finished.attempt,
    }),
  });
  const files = feedback?.files ?? finished.files;
  const exchanges = [...finished.exchanges, ...(feedback?.exchanges ?? [])];
  const entry = archiveEntryFor(plan, result.metrics, codeComplexity(files), feedback?.figures);
  return store(
    state,
    plan,
    services,
    { ...finished, files, exchanges },
    {
      status: 'ok',
      metrics: result.metrics,
      features: entry.features,
      ...(feedback === undefined ? {} : { feedback: feedback.text }),
    },
    entry
  );
}

async function finishFailed(
  state: RunState,
  plan: ProgramOrigin,
  services: EngineServices,
  finished: Finished & { readonly failure: CandidateFailure }
): Promise<CandidateOutcome> {
  services.report(`${plan.id} failed at ${finished.failure.stage}: ${finished.failure.reason}`);
  return store(state, plan, services, finished, {
    status: 'failed',
    failure: finished.failure,
    metrics: {},
    features: {},
  });
}

/** Builds the record and the ledger, saves the program, returns its outcome. */
async function store(
  state: RunState,
  plan: ProgramOrigin,
  services: EngineServices,
  finished: Finished,
  result: Pick<ProgramRecord, 'status' | 'metrics' | 'features'> &
    Partial<Pick<ProgramRecord, 'failure' | 'feedback'>>,
  entry?: CandidateOutcome['entry']
): Promise<CandidateOutcome> {
  const at = services.now().toISOString();
  const trainSeconds = finished.trainSeconds ?? 0;
  const ledger: LedgerEntry[] = finished.exchanges.map((exchange) =>
    llmLedgerEntry(exchange, plan.id)
  );
  if (trainSeconds > 0) {
    const usd = (trainSeconds / 3600) * state.config.costs.trainerUsdPerHour;
    ledger.push({ kind: 'gpu', usd, at, programId: plan.id, seconds: trainSeconds });
  }
  const record: ProgramRecord = {
    id: plan.id,
    generation: plan.generation,
    island: plan.island,
    parentId: plan.parentId,
    inspirationIds: [...plan.inspirationIds],
    ...result,
    ...(finished.idea === undefined ? {} : { idea: finished.idea }),
    repairs: [...(finished.repairs ?? [])],
    usd: ledger.reduce((sum, item) => sum + item.usd, 0),
    trainSeconds,
    createdAt: at,
  };
  const outcome: CandidateOutcome = { record, ledger, ...(entry === undefined ? {} : { entry }) };
  await services.store.saveProgram(state.runId, {
    ...outcome,
    files: finished.files,
    exchanges: finished.exchanges,
    ...(finished.parentFiles === undefined
      ? {}
      : { diffFromParent: unifiedDiff(finished.parentFiles, finished.files) }),
  });
  return outcome;
}

/**
 * Evaluates the run's seed program as generation 0, with feedback like any candidate. A seed that
 * fails is recorded too; the caller decides that the run cannot go on.
 */
async function runSeed(
  state: RunState,
  files: ProgramFiles,
  services: EngineServices
): Promise<CandidateOutcome> {
  const origin = {
    id: state.seedProgramId,
    generation: 0,
    island: 0,
    parentId: null,
    inspirationIds: [],
  };
  const stored = await services.store.loadOutcome(state.runId, origin.id);
  if (stored !== undefined) return stored;
  services.report(`${origin.id} training the seed program`);
  const result = await services.trainer.evaluate({ programId: origin.id, attempt: 1, files });
  const finished = { files, idea: undefined, exchanges: [], trainSeconds: result.seconds.total };
  if (result.status === 'failed') {
    const failure = {
      stage: 'train' as const,
      reason: `${result.error.kind}: ${result.error.message}`,
    };
    return finishFailed(state, origin, services, { ...finished, failure });
  }
  return finishTrained(state, origin, services, { ...finished, result, attempt: 1 });
}

export { runCandidate, runSeed };
