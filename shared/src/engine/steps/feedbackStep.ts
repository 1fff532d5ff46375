import { diagnosisFeedbackSchema, simulationFeedbackSchema } from '../modelFeedback.js';
import { candidateContext } from './candidateContext.js';
import type { TrainedProgram } from './feedbackSteps.js';
import type { FeedbackInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { putJson } from './storedObjects.js';

type FeedbackPart = 'simulation' | 'diagnosis';

const schemas = { simulation: simulationFeedbackSchema, diagnosis: diagnosisFeedbackSchema };

/**
 * The Simulate and Diagnose steps (the Parallel state's branches): each runs its part of the
 * feedback on the judged attempt's model and stores it for Record. A part already stored is not
 * run again, so a retried branch costs no second round of LLM users.
 */
async function feedbackStep(
  part: FeedbackPart,
  input: FeedbackInput,
  services: StepServices
): Promise<{ readonly programId: string; readonly part: FeedbackPart }> {
  const { programId, attempt } = input;
  const { objects } = services;
  const context = candidateContext(services, input);
  const key = context.keys.feedback(part);
  const done = { programId, part };
  if ((await objects.get(key)) !== undefined) return done;
  const [state, files, parentFiles] = await Promise.all([
    context.state(),
    context.attemptFiles(attempt),
    context.requireDraft().then(() => context.parentFiles()),
  ]);
  const program: TrainedProgram = {
    config: state.config,
    modelPrefix: context.keys.attemptOut(attempt),
    files,
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
