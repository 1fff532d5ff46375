import { runKeys } from '../../core/runs/index.js';
import { InvalidArgumentError } from '../../errors.js';
import { diagnosisFeedbackSchema, simulationFeedbackSchema } from '../modelFeedback.js';
import { loadDraft } from './candidateDraft.js';
import type { TrainedProgram } from './feedbackSteps.js';
import { requireState } from './propose.js';
import type { FeedbackInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { getProgramFiles, putJson } from './storedObjects.js';

type FeedbackPart = 'simulation' | 'diagnosis';

const schemas = { simulation: simulationFeedbackSchema, diagnosis: diagnosisFeedbackSchema };

/**
 * The Simulate and Diagnose steps (the Parallel state's branches): each runs its part of the
 * feedback on the trained attempt and stores it for Record. A part already stored is not run
 * again, so a retried branch costs no second round of LLM users.
 */
async function feedbackStep(
  part: FeedbackPart,
  input: FeedbackInput,
  services: StepServices
): Promise<{ readonly programId: string; readonly part: FeedbackPart }> {
  const { runId, programId, attempt } = input;
  const { objects, store } = services;
  const key = runKeys(runId).feedback(programId, part);
  const done = { programId, part };
  if ((await objects.get(key)) !== undefined) return done;
  const state = await requireState(services, runId);
  const draft = await loadDraft(objects, runId, programId);
  if (draft === undefined) throw new InvalidArgumentError(`${programId} has no draft`);
  const keys = runKeys(runId);
  const parentFiles =
    draft.parentId === null ? undefined : await store.loadProgramFiles(runId, draft.parentId);
  const program: TrainedProgram = {
    config: state.config,
    modelPrefix: keys.attemptOut(programId, attempt),
    files: await getProgramFiles(objects, keys.attemptProgram(programId, attempt)),
    ...(parentFiles === undefined ? {} : { parentFiles }),
  };
  const result =
    part === 'simulation'
      ? await services.feedback.simulate(program)
      : await services.feedback.diagnose(program);
  await putJson(objects, key, schemas[part].parse(result));
  return done;
}

export type { FeedbackPart };
export { feedbackStep };
