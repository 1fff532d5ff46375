import type { CandidatePlan, RunState } from '../../core/evolution/index.js';
import { strategyTraits } from '../../core/evolution/index.js';
import { checkBudget, ledgerTotals } from '../../core/llm/index.js';
import type { ProgramFiles } from '../../core/program/index.js';
import { findNearDuplicate } from '../../core/program/index.js';
import { runKeys } from '../../core/runs/index.js';
import { InvalidArgumentError } from '../../errors.js';
import { PROGRAM_FILE_NAMES } from '../../local/programDir.js';
import { llmProposalContext } from '../llmProposalContext.js';
import type { Proposal } from '../proposeWithLlm.js';
import { proposeWithLlm } from '../proposeWithLlm.js';
import { proposeWithNas } from '../proposeWithNas.js';
import type { CandidateDraft } from './candidateDraft.js';
import { loadDraft, saveDraft } from './candidateDraft.js';
import { elapsedSeconds } from './runClock.js';
import { loadGenerationPlan } from './runProgress.js';
import { readSearchSpace } from './seedSearchSpace.js';
import type { CandidateInput, CandidateProgress } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { storeFailedCandidate } from './storeCandidate.js';
import { getProgramFiles, putProgramFiles } from './storedObjects.js';
import { candidateJob } from './trainingJobs.js';

/**
 * The Propose step of one candidate (or the seed): checks the budget, proposes the program (LLM
 * or `nas`), turns away near-duplicates, and writes attempt 1 for the training job. A step that
 * runs again finds its draft and goes on from it: nothing is proposed or paid for twice.
 */
async function propose(input: CandidateInput, services: StepServices): Promise<CandidateProgress> {
  const { runId, generation, programId } = input;
  const { store, objects } = services;
  const done = { runId, generation, programId, attempt: 1, next: 'done' as const };
  if ((await store.loadOutcome(runId, programId)) !== undefined) return done;
  const state = await requireState(services, runId);
  const draft = await loadDraft(objects, runId, programId);
  if (draft !== undefined) return resumeDraft(state, draft, services);

  if (programId === state.seedProgramId) {
    const files = await getProgramFiles(objects, runKeys(runId).seed, PROGRAM_FILE_NAMES);
    return startTraining(state, seedDraft(programId), files, services);
  }
  const plans = (await loadGenerationPlan(objects, runId, generation)) ?? [];
  const plan = plans.find((candidate) => candidate.id === programId);
  if (plan === undefined) {
    throw new InvalidArgumentError(`${programId} is not planned in generation ${generation}`);
  }
  const budget = await budgetLeft(state, plans, services);
  if (!budget.ok) return done;

  const parentOutcome = await store.loadOutcome(runId, plan.parentId);
  if (parentOutcome === undefined) {
    throw new InvalidArgumentError(`parent ${plan.parentId} of ${plan.id} is not stored`);
  }
  const parent = {
    record: parentOutcome.record,
    files: await store.loadProgramFiles(runId, plan.parentId),
  };
  const proposal = await proposeFor(state, plan, parent, services);
  const proposed: CandidateDraft = {
    ...planDraft(plan),
    ...(proposal.idea === undefined ? {} : { idea: proposal.idea }),
    exchanges: [...proposal.exchanges],
  };
  if (!proposal.ok) {
    await storeFailedCandidate(
      state,
      proposed,
      { stage: 'propose', reason: proposal.reason },
      { files: {} },
      services
    );
    return done;
  }
  const duplicate = await nearDuplicateOf(state, proposal.files, services);
  if (duplicate !== undefined) {
    await storeFailedCandidate(
      state,
      proposed,
      { stage: 'duplicate', reason: duplicate },
      { files: proposal.files, parentFiles: parent.files },
      services
    );
    return done;
  }
  return startTraining(state, proposed, proposal.files, services);
}

async function requireState(services: StepServices, runId: string): Promise<RunState> {
  const state = await services.store.loadRunState(runId);
  if (state === undefined)
    throw new InvalidArgumentError(`run ${runId} has no state; StartRun first`);
  return state;
}

/** Writes the attempt's program first and the draft last: the draft says the attempt exists. */
async function startTraining(
  state: RunState,
  draft: CandidateDraft,
  files: ProgramFiles,
  services: StepServices
): Promise<CandidateProgress> {
  const { runId } = state;
  await putProgramFiles(
    services.objects,
    runKeys(runId).attemptProgram(draft.programId, draft.attempt),
    files
  );
  await saveDraft(services.objects, runId, draft);
  return trainNext(state, draft, services);
}

function trainNext(
  state: RunState,
  draft: CandidateDraft,
  services: StepServices
): CandidateProgress {
  const { runId } = state;
  return {
    runId,
    generation: draft.generation,
    programId: draft.programId,
    attempt: draft.attempt,
    next: 'train',
    job: candidateJob(services.objects, state.config, runId, draft.programId, draft.attempt),
  };
}

/** A draft's latest attempt trains, unless its result is there already (then it is read). */
async function resumeDraft(
  state: RunState,
  draft: CandidateDraft,
  services: StepServices
): Promise<CandidateProgress> {
  const metrics = `${runKeys(state.runId).attemptOut(draft.programId, draft.attempt)}metrics.json`;
  if ((await services.objects.get(metrics)) === undefined) return trainNext(state, draft, services);
  return {
    runId: state.runId,
    generation: draft.generation,
    programId: draft.programId,
    attempt: draft.attempt,
    next: 'check',
  };
}

function seedDraft(programId: string): CandidateDraft {
  return {
    programId,
    generation: 0,
    island: 0,
    parentId: null,
    inspirationIds: [],
    exchanges: [],
    repairs: [],
    attempt: 1,
    attemptSeconds: [],
  };
}

function planDraft(plan: CandidatePlan): CandidateDraft {
  return {
    programId: plan.id,
    generation: plan.generation,
    island: plan.island,
    parentId: plan.parentId,
    inspirationIds: [...plan.inspirationIds],
    exchanges: [],
    repairs: [],
    attempt: 1,
    attemptSeconds: [],
  };
}

/**
 * The budget before a proposal: the run's ledger and the candidates of this generation stored so
 * far. Candidates of a generation run in parallel, so a run may overshoot by what the ones in
 * flight spend.
 */
async function budgetLeft(
  state: RunState,
  plans: readonly CandidatePlan[],
  services: StepServices
) {
  const outcomes = (
    await Promise.all(plans.map((plan) => services.store.loadOutcome(state.runId, plan.id)))
  ).filter((outcome) => outcome !== undefined);
  return checkBudget(
    ledgerTotals([...state.ledger, ...outcomes.flatMap((outcome) => outcome.ledger)]),
    state.config.budget,
    {
      iterationsDone: state.candidatesTried + outcomes.length,
      elapsedSeconds: elapsedSeconds(state, services.now()),
    }
  );
}

async function proposeFor(
  state: RunState,
  plan: CandidatePlan,
  parent: Parameters<typeof llmProposalContext>[2],
  services: StepServices
): Promise<Proposal> {
  const { config } = state;
  if (strategyTraits(config.strategy).proposer === 'nas') {
    return proposeWithNas(parent.files, await readSearchSpace(services.objects, state.runId), {
      seed: `${config.randomSeed}/${plan.id}`,
      maxChanges: config.proposal.nasMaxChanges,
    });
  }
  const context = await llmProposalContext(state, plan, parent, services.store);
  return proposeWithLlm(
    await services.llm(config),
    await services.templates(),
    context,
    config.proposal.correctiveRetries
  );
}

/** Names the archived program this one nearly copies, or undefined. */
async function nearDuplicateOf(
  state: RunState,
  files: ProgramFiles,
  services: StepServices
): Promise<string | undefined> {
  const ids = Object.keys(state.archive.programs).sort();
  const others = await Promise.all(
    ids.map(async (id) => ({ id, files: await services.store.loadProgramFiles(state.runId, id) }))
  );
  const threshold = state.config.proposal.duplicateSimilarity;
  const match = findNearDuplicate(files, others, threshold);
  if (match === undefined) return undefined;
  return `near-duplicate of ${match.program.id} (similarity ${match.similarity.toFixed(3)} ≥ ${threshold})`;
}

export { propose, requireState };
