import type { CandidatePlan, ProposerKind, RunState } from '../../core/evolution/index.js';
import { strategyTraits } from '../../core/evolution/index.js';
import {
  checkBudget,
  ledgerTotals,
  promptTokenBudget,
  stepUsageLedger,
} from '../../core/llm/index.js';
import { nasFindings } from '../../core/nas/index.js';
import type { ProgramFiles } from '../../core/program/index.js';
import { findNearDuplicate, PROGRAM_FILE_NAMES } from '../../core/program/index.js';
import { runKeys } from '../../core/runs/index.js';
import { InvalidArgumentError } from '../../errors.js';
import { llmProposalContext } from '../llmProposalContext.js';
import type { Proposal } from '../proposeWithLlm.js';
import { proposeWithLlm } from '../proposeWithLlm.js';
import { proposeWithDirectionalNas, proposeWithNas } from '../proposeWithNas.js';
import type { CandidateContext } from './candidateContext.js';
import { candidateContext } from './candidateContext.js';
import type { CandidateDraft } from './candidateDraft.js';
import { planDraft, saveDraft, seedDraft } from './candidateDraft.js';
import { elapsedSeconds } from './runClock.js';
import { loadGenerationPlan } from './runProgress.js';
import { readSearchSpace } from './seedSearchSpace.js';
import type { CandidateInput, CandidateProgress } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { storeFailedCandidate } from './storeCandidate.js';
import { getProgramFiles, putProgramFiles } from './storedObjects.js';
import { attemptJob } from './trainingJobSpec.js';

/**
 * The Propose step of one candidate (or the seed): checks the budget, proposes the program (LLM
 * or `nas`), turns away near-duplicates, and writes attempt 1 for the training job. A step that
 * runs again finds its draft and goes on from it: nothing is proposed or paid for twice.
 */
async function propose(input: CandidateInput, services: StepServices): Promise<CandidateProgress> {
  const { runId, generation, programId } = input;
  const { store, objects } = services;
  const context = candidateContext(services, input);
  const done = { runId, generation, programId, attempt: 1, next: 'done' as const };
  if ((await context.outcome()) !== undefined) return done;
  const state = await context.state();
  const draft = await context.draft();
  if (draft !== undefined) return resumeDraft(context, state, draft);

  if (programId === state.seedProgramId) {
    const files = await getProgramFiles(objects, runKeys(runId).seed, PROGRAM_FILE_NAMES);
    return startTraining(context, state, seedDraft(programId), files);
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
  let archive: Promise<readonly ArchivedProgram[]> | undefined;
  const archived = () => {
    archive ??= loadArchivedPrograms(state, services);
    return archive;
  };
  const proposal = await proposeFor({ state, plan, parent, services, archived });
  const proposed: CandidateDraft = {
    ...planDraft(plan),
    ...(proposal.idea === undefined ? {} : { idea: proposal.idea }),
    exchanges: [...proposal.exchanges],
  };
  if (!proposal.ok) {
    await storeFailedCandidate(
      state,
      proposed,
      { stage: 'propose', reason: proposal.reason, outcome: { kind: proposal.kind } },
      { files: {} },
      services
    );
    return done;
  }
  const duplicate = nearDuplicateOf(state, proposal.files, await archived());
  if (duplicate !== undefined) {
    await storeFailedCandidate(
      state,
      proposed,
      { stage: 'duplicate', reason: duplicate, outcome: { kind: 'duplicate' } },
      { files: proposal.files, parentFiles: parent.files },
      services
    );
    return done;
  }
  return startTraining(context, state, proposed, proposal.files);
}

/** Writes the attempt's program first and the draft last: the draft says the attempt exists. */
async function startTraining(
  context: CandidateContext,
  state: RunState,
  draft: CandidateDraft,
  files: ProgramFiles
): Promise<CandidateProgress> {
  await putProgramFiles(
    context.services.objects,
    context.keys.attemptProgram(draft.attempt),
    files
  );
  await saveDraft(context.services.objects, state.runId, draft);
  return trainNext(context, state, draft);
}

async function trainNext(
  context: CandidateContext,
  state: RunState,
  draft: CandidateDraft
): Promise<CandidateProgress> {
  return {
    runId: state.runId,
    generation: draft.generation,
    programId: draft.programId,
    attempt: draft.attempt,
    next: 'train',
    job: await attemptJob(context, state, draft.attempt),
  };
}

/** A draft's latest attempt trains, unless its result is there already (then it is judged). */
async function resumeDraft(
  context: CandidateContext,
  state: RunState,
  draft: CandidateDraft
): Promise<CandidateProgress> {
  const metrics = context.keys.jobResult(draft.attempt);
  if ((await context.services.objects.get(metrics)) === undefined) {
    return trainNext(context, state, draft);
  }
  return {
    runId: state.runId,
    generation: draft.generation,
    programId: draft.programId,
    attempt: draft.attempt,
    next: 'check',
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
  const [outcomes, usage] = await Promise.all([
    Promise.all(plans.map((plan) => services.store.loadOutcome(state.runId, plan.id))),
    services.store.listStepUsage(state.runId),
  ]);
  const recorded = outcomes.filter((outcome) => outcome !== undefined);
  return checkBudget(
    ledgerTotals([
      ...state.ledger,
      ...recorded.flatMap((outcome) => outcome.ledger),
      ...stepUsageLedger(usage, state.config.costs),
    ]),
    state.config.budget,
    {
      iterationsDone: state.candidatesTried + recorded.length,
      elapsedSeconds: elapsedSeconds(state, services.now()),
    }
  );
}

/** What every proposer is given: the run, the candidate's plan and its parent. */
/** A program of the run's archive with its files. */
interface ArchivedProgram {
  readonly id: string;
  readonly files: ProgramFiles;
}

interface ProposerRequest {
  readonly state: RunState;
  readonly plan: CandidatePlan;
  readonly parent: Parameters<typeof llmProposalContext>[2];
  readonly services: StepServices;
  /** The archive's programs, read at the first call and kept for the step. */
  readonly archived: () => Promise<readonly ArchivedProgram[]>;
}

type Proposer = (request: ProposerRequest) => Promise<Proposal>;

/** The generator of a search-space proposal is keyed by the run's seed and the candidate. */
function nasOptions({ state, plan }: ProposerRequest) {
  return {
    seed: `${state.config.randomSeed}/${plan.id}`,
    maxChanges: state.config.proposal.nasMaxChanges,
  };
}

const PROPOSERS = {
  llm: async ({ state, plan, parent, services }) => {
    const { config } = state;
    const context = await llmProposalContext(state, plan, parent, services.store);
    const { llm } = config;
    return proposeWithLlm(
      await services.llm(config),
      await services.templates(),
      context,
      config.proposal.correctiveRetries,
      (role) => (llm === undefined ? undefined : promptTokenBudget(llm, role))
    );
  },
  nas: async (request) =>
    proposeWithNas(
      request.parent.files,
      await readSearchSpace(request.services.objects, request.state.runId),
      nasOptions(request)
    ),
  'directional-nas': async (request) =>
    proposeWithDirectionalNas(
      request.parent.files,
      await readSearchSpace(request.services.objects, request.state.runId),
      nasFindings(request.parent.record.features),
      { ...nasOptions(request), tried: (await request.archived()).map(({ files }) => files) }
    ),
} satisfies Record<ProposerKind, Proposer>;

function proposeFor(request: ProposerRequest): Promise<Proposal> {
  return PROPOSERS[strategyTraits(request.state.config.strategy).proposer](request);
}

/** The archive's programs with their files, in id order. */
function loadArchivedPrograms(
  state: RunState,
  services: StepServices
): Promise<readonly ArchivedProgram[]> {
  const ids = Object.keys(state.archive.programs).sort();
  return Promise.all(
    ids.map(async (id) => ({ id, files: await services.store.loadProgramFiles(state.runId, id) }))
  );
}

/** Names the archived program this one nearly copies, or undefined. */
function nearDuplicateOf(
  state: RunState,
  files: ProgramFiles,
  others: readonly ArchivedProgram[]
): string | undefined {
  const threshold = state.config.proposal.duplicateSimilarity;
  const match = findNearDuplicate(files, others, threshold);
  if (match === undefined) return undefined;
  return `near-duplicate of ${match.program.id} (similarity ${match.similarity.toFixed(3)} ≥ ${threshold})`;
}

export { propose };
