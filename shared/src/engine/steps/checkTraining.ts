import type { EvaluationError, EvaluationResult } from '../../core/evaluation/index.js';
import type { CandidateFailure, ProgramOutcome, RunState } from '../../core/evolution/index.js';
import { editableFiles, strategyTraits } from '../../core/evolution/index.js';
import { promptTokenBudget } from '../../core/llm/index.js';
import { repairWithLlm } from '../repairWithLlm.js';
import type { CandidateContext } from './candidateContext.js';
import { candidateContext } from './candidateContext.js';
import type { CandidateDraft } from './candidateDraft.js';
import { saveDraft } from './candidateDraft.js';
import { describeCaughtError } from './caughtError.js';
import type { CandidateProgress, TrainedAttempt } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { storeFailedCandidate } from './storeCandidate.js';
import { putProgramFiles } from './storedObjects.js';
import { attemptJob } from './trainingJobSpec.js';

/** Why an attempt did not pass: a failure the repair loop can work on, or one it cannot. */
interface AttemptFailure {
  readonly stage: CandidateFailure['stage'];
  readonly reason: string;
  readonly outcome: ProgramOutcome;
  /** The failure as the repair prompt shows it; absent when a repair cannot help. */
  readonly repairable?: EvaluationError;
}

/**
 * The CheckTraining step: reads what the attempt's job and the judge left. A model the judge
 * scored goes on to feedback; a job or a model that failed is repaired by the LLM (strategies
 * that repair, `repairAttempts` times at most) and trained again as the next attempt; otherwise
 * the candidate is recorded as failed with the harness's or the judge's reason.
 */
async function checkTraining(
  input: TrainedAttempt,
  services: StepServices
): Promise<CandidateProgress> {
  const { runId, generation, programId, attempt } = input;
  const context = candidateContext(services, input);
  const progress = { runId, generation, programId, attempt };
  if ((await context.outcome()) !== undefined) return { ...progress, next: 'done' };
  const state = await context.state();
  const draft = await context.requireDraft();
  if (draft.attempt > attempt) return trainAttempt(context, state, draft);

  const job = await context.jobResult(attempt);
  const program = async () => {
    const parentFiles = await context.parentFiles();
    return {
      files: await context.attemptFiles(attempt),
      ...(parentFiles === undefined ? {} : { parentFiles }),
    };
  };
  if (job === undefined) {
    const reason = `the training job left no metrics.json (${describeCaughtError(input.trainError)})`;
    const outcome = { kind: 'harness_failure', harnessKind: 'no_result' } as const;
    await storeFailedCandidate(
      state,
      draft,
      { stage: 'train', reason, outcome },
      await program(),
      services
    );
    return { ...progress, next: 'done' };
  }
  const timed = withAttemptSeconds(draft, attempt, job);
  const failure = await attemptFailure(context, input, job);
  if (failure === undefined) {
    await saveDraft(services.objects, runId, timed);
    return { ...progress, next: 'feedback' };
  }
  const traits = strategyTraits(state.config.strategy);
  const { repairable } = failure;
  if (
    repairable === undefined ||
    !traits.repair ||
    attempt > state.config.proposal.repairAttempts
  ) {
    const { stage, reason, outcome } = failure;
    await storeFailedCandidate(state, timed, { stage, reason, outcome }, await program(), services);
    return { ...progress, next: 'done' };
  }
  const files = await context.attemptFiles(attempt);
  const exchanges = [...timed.exchanges];
  const { llm } = state.config;
  const repair = await repairWithLlm(
    await services.llm(state.config),
    await services.templates(),
    {
      programId,
      files,
      idea: timed.idea ?? '',
      failure: repairable,
      editableFiles: editableFiles(traits).filter((file) => files[file] !== undefined),
      correctiveRetries: state.config.proposal.correctiveRetries,
    },
    exchanges,
    (role) => (llm === undefined ? undefined : promptTokenBudget(llm, role))
  );
  const repaired: CandidateDraft = {
    ...timed,
    exchanges,
    repairs: [
      ...timed.repairs,
      { attempt, error: repairable, ...(repair.ok ? { diagnosis: repair.diagnosis } : {}) },
    ],
  };
  if (!repair.ok) {
    const reason = `${failure.reason}; ${repair.reason}`;
    await storeFailedCandidate(
      state,
      repaired,
      { stage: failure.stage, reason, outcome: failure.outcome },
      await program(),
      services
    );
    return { ...progress, next: 'done' };
  }
  const next = { ...repaired, attempt: attempt + 1 };
  await putProgramFiles(services.objects, context.keys.attemptProgram(next.attempt), repair.files);
  await saveDraft(services.objects, runId, next);
  return trainAttempt(context, state, next);
}

/** The job's failure, else the judge's, else undefined: the attempt passed. */
async function attemptFailure(
  context: CandidateContext,
  input: TrainedAttempt,
  job: EvaluationResult
): Promise<AttemptFailure | undefined> {
  if (job.status === 'failed') {
    return {
      stage: 'train',
      reason: `${job.error.kind}: ${job.error.message}`,
      outcome: { kind: 'harness_failure', harnessKind: job.error.kind },
      repairable: job.error,
    };
  }
  const judgeFailure = { kind: 'judge_failure' } as const;
  if (input.judgeError !== undefined) {
    return {
      stage: 'judge',
      reason: `the judge failed: ${describeCaughtError(input.judgeError)}`,
      outcome: judgeFailure,
    };
  }
  const verdict = await context.judgeResult(input.attempt);
  if (verdict === undefined) {
    return { stage: 'judge', reason: 'the judge left no verdict', outcome: judgeFailure };
  }
  if (verdict.status === 'ok') return undefined;
  const { kind, message } = verdict.error;
  return {
    stage: 'judge',
    reason: `${kind}: ${message}`,
    outcome: judgeFailure,
    repairable: { kind, message: `the judge, scoring model.onnx: ${message}`, logTail: '' },
  };
}

async function trainAttempt(
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

export { checkTraining };
