import type { CandidateFailure, CandidateOutcome } from '../../core/evolution/index.js';
import { InvalidArgumentError } from '../../errors.js';
import type { CandidateContext } from './candidateContext.js';
import type { CandidateDraft } from './candidateDraft.js';
import { planDraft, seedDraft } from './candidateDraft.js';
import { loadGenerationPlan } from './runProgress.js';
import { storeFailedCandidate } from './storeCandidate.js';

/**
 * Records a candidate whose own steps failed for good (after their retries), so that its fault
 * stays its own: the stage is where it stood (no draft: propose; no job result: train; no
 * verdict: judge; else record), the reason says what failed. A candidate recorded already is
 * left as it is.
 */
async function storeStepFailure(
  context: CandidateContext,
  generation: number,
  describe: (stage: CandidateFailure['stage']) => string
): Promise<CandidateOutcome> {
  const stored = await context.outcome();
  if (stored !== undefined) return stored;
  const state = await context.state();
  const draft = (await context.draft()) ?? (await unproposedDraft(context, generation));
  const stage = await stageOf(context, draft);
  const files = await context.attemptFiles(draft.attempt).catch(() => ({}));
  const parentFiles = await context.parentFiles().catch(() => undefined);
  return storeFailedCandidate(
    state,
    draft,
    { stage, reason: describe(stage), outcome: { kind: 'step_failure' } },
    { files, ...(parentFiles === undefined ? {} : { parentFiles }) },
    context.services
  );
}

async function unproposedDraft(
  context: CandidateContext,
  generation: number
): Promise<CandidateDraft> {
  const state = await context.state();
  if (context.programId === state.seedProgramId) return seedDraft(context.programId);
  const plans = await loadGenerationPlan(context.services.objects, context.runId, generation);
  const plan = plans?.find((candidate) => candidate.id === context.programId);
  if (plan === undefined) {
    throw new InvalidArgumentError(
      `${context.programId} is not planned in generation ${generation}`
    );
  }
  return planDraft(plan);
}

async function stageOf(
  context: CandidateContext,
  draft: CandidateDraft
): Promise<CandidateFailure['stage']> {
  if ((await context.draft()) === undefined) return 'propose';
  if ((await context.jobResult(draft.attempt)) === undefined) return 'train';
  if ((await context.judgeResult(draft.attempt)) === undefined) return 'judge';
  return 'record';
}

export { storeStepFailure };
