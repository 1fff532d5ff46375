import type { EvaluationResult } from '../../core/evaluation/index.js';
import { evaluationResultSchema } from '../../core/evaluation/index.js';
import type { RunState } from '../../core/evolution/index.js';
import { editableFiles, strategyTraits } from '../../core/evolution/index.js';
import { runKeys } from '../../core/runs/index.js';
import { InvalidArgumentError } from '../../errors.js';
import { repairWithLlm } from '../repairWithLlm.js';
import type { CandidateDraft } from './candidateDraft.js';
import { loadDraft, saveDraft } from './candidateDraft.js';
import { requireState } from './propose.js';
import type { CandidateProgress, CaughtError, TrainedAttempt } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { storeFailedCandidate } from './storeCandidate.js';
import { getJson, getProgramFiles, putProgramFiles } from './storedObjects.js';
import { candidateJob } from './trainingJobs.js';

/** Longest job error kept in a failure reason. */
const MAX_JOB_ERROR_CHARS = 2_000;

/**
 * The CheckTraining step: reads what the attempt's job left. A trained attempt goes on to
 * feedback; a failed one is repaired by the LLM (strategies that repair, `repairAttempts` times at
 * most) and trained again as the next attempt; otherwise the candidate is recorded as failed,
 * with the harness's reason or, when the job left nothing, the job's error.
 */
async function checkTraining(
  input: TrainedAttempt,
  services: StepServices
): Promise<CandidateProgress> {
  const { runId, generation, programId, attempt } = input;
  const { store, objects } = services;
  const progress = { runId, generation, programId, attempt };
  if ((await store.loadOutcome(runId, programId)) !== undefined)
    return { ...progress, next: 'done' };
  const state = await requireState(services, runId);
  const draft = await loadDraft(objects, runId, programId);
  if (draft === undefined)
    throw new InvalidArgumentError(`${programId} has no draft; Propose first`);
  if (draft.attempt > attempt) return trainAttempt(state, draft, services);

  const keys = runKeys(runId);
  const programFiles = await getProgramFiles(objects, keys.attemptProgram(programId, attempt));
  const parentFiles =
    draft.parentId === null ? undefined : await store.loadProgramFiles(runId, draft.parentId);
  const program = { files: programFiles, ...(parentFiles === undefined ? {} : { parentFiles }) };
  const result = await getJson(
    objects,
    `${keys.attemptOut(programId, attempt)}metrics.json`,
    evaluationResultSchema
  );
  if (result === undefined) {
    const reason = `the training job left no metrics.json (${describeJobError(input.trainError)})`;
    await storeFailedCandidate(state, draft, { stage: 'train', reason }, program, services);
    return { ...progress, next: 'done' };
  }
  const timed = withAttemptSeconds(draft, attempt, result);
  if (result.status === 'ok') {
    await saveDraft(objects, runId, timed);
    return { ...progress, next: 'feedback' };
  }
  const failed = `${result.error.kind}: ${result.error.message}`;
  const traits = strategyTraits(state.config.strategy);
  if (!traits.repair || attempt > state.config.proposal.repairAttempts) {
    await storeFailedCandidate(state, timed, { stage: 'train', reason: failed }, program, services);
    return { ...progress, next: 'done' };
  }
  const exchanges = [...timed.exchanges];
  const repair = await repairWithLlm(
    await services.llm(state.config),
    await services.templates(),
    {
      programId,
      files: programFiles,
      idea: timed.idea ?? '',
      failure: result.error,
      editableFiles: editableFiles(traits).filter((file) => programFiles[file] !== undefined),
      correctiveRetries: state.config.proposal.correctiveRetries,
    },
    exchanges
  );
  const repaired: CandidateDraft = {
    ...timed,
    exchanges,
    repairs: [
      ...timed.repairs,
      { attempt, error: result.error, ...(repair.ok ? { diagnosis: repair.diagnosis } : {}) },
    ],
  };
  if (!repair.ok) {
    const reason = `${failed}; ${repair.reason}`;
    await storeFailedCandidate(state, repaired, { stage: 'train', reason }, program, services);
    return { ...progress, next: 'done' };
  }
  const next = { ...repaired, attempt: attempt + 1 };
  await putProgramFiles(objects, keys.attemptProgram(programId, next.attempt), repair.files);
  await saveDraft(objects, runId, next);
  return trainAttempt(state, next, services);
}

function trainAttempt(
  state: RunState,
  draft: CandidateDraft,
  services: StepServices
): CandidateProgress {
  return {
    runId: state.runId,
    generation: draft.generation,
    programId: draft.programId,
    attempt: draft.attempt,
    next: 'train',
    job: candidateJob(services.objects, state.config, state.runId, draft.programId, draft.attempt),
  };
}

function withAttemptSeconds(
  draft: CandidateDraft,
  attempt: number,
  result: EvaluationResult
): CandidateDraft {
  const attemptSeconds = [...draft.attemptSeconds];
  while (attemptSeconds.length < attempt) attemptSeconds.push(0);
  attemptSeconds[attempt - 1] = result.seconds.total;
  return { ...draft, attemptSeconds };
}

function describeJobError(error: CaughtError | undefined): string {
  if (error === undefined) return 'no error was reported';
  const text = error.Cause === undefined ? error.Error : `${error.Error}: ${error.Cause}`;
  return text.length > MAX_JOB_ERROR_CHARS ? `${text.slice(0, MAX_JOB_ERROR_CHARS)}…` : text;
}

export { checkTraining, describeJobError };
