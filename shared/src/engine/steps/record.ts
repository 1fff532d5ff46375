import { archiveEntryFor } from '../../core/evolution/index.js';
import { codeComplexity } from '../../core/program/index.js';
import { InvalidArgumentError } from '../../errors.js';
import {
  combineFeedback,
  diagnosisFeedbackSchema,
  simulationFeedbackSchema,
} from '../modelFeedback.js';
import { candidateContext } from './candidateContext.js';
import { describeCaughtError } from './caughtError.js';
import type { FeedbackInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { storeCandidate } from './storeCandidate.js';
import { getJson } from './storedObjects.js';

/** What Record returns: enough for the execution's history, nothing more. */
interface RecordedCandidate {
  readonly programId: string;
  readonly status: 'ok' | 'failed';
  readonly fitness?: number;
}

/** The files of a model that a stored program keeps (the job's out/ expires with work/). */
const MODEL_FILES = ['model.onnx', 'model.json'] as const;

/**
 * The Record step of a judged candidate: the judge's validation metrics (with the job's own
 * figures beside them), its directional feedback (whatever parts of it were produced) and its
 * archive entry, stored with its files and its model. The store's write is conditional and
 * comes last: a retried Record stores nothing twice.
 */
async function record(input: FeedbackInput, services: StepServices): Promise<RecordedCandidate> {
  const { programId, attempt } = input;
  const { objects } = services;
  const context = candidateContext(services, input);
  const stored = await context.outcome();
  if (stored !== undefined) return summary(stored.record);
  const [state, draft, job, verdict] = await Promise.all([
    context.state(),
    context.requireDraft(),
    context.jobResult(attempt),
    context.judgeResult(attempt),
  ]);
  if (job?.status !== 'ok' || verdict?.status !== 'ok') {
    throw new InvalidArgumentError(`${programId} attempt ${attempt} has no judged model`);
  }
  const [files, parentFiles, simulation, diagnosis] = await Promise.all([
    context.attemptFiles(attempt),
    context.parentFiles(),
    getJson(objects, context.keys.feedback('simulation'), simulationFeedbackSchema),
    getJson(objects, context.keys.feedback('diagnosis'), diagnosisFeedbackSchema),
  ]);
  const feedback = combineFeedback(
    {
      ...(simulation === undefined ? {} : { simulation }),
      ...(diagnosis === undefined ? {} : { diagnosis }),
    },
    files,
    state.config.feedback.maxChars
  );
  const text =
    input.feedbackError === undefined
      ? feedback.text
      : `${feedback.text}\nFeedback incomplete: ${describeCaughtError(input.feedbackError)}`.trim();
  const origin = {
    id: programId,
    island: draft.island,
    generation: draft.generation,
    parentId: draft.parentId,
  };
  const entry = archiveEntryFor(
    origin,
    verdict.metrics,
    codeComplexity(feedback.files),
    feedback.figures
  );
  for (const name of MODEL_FILES) {
    const body = await objects.get(`${context.keys.attemptOut(attempt)}${name}`);
    if (body === undefined) throw new InvalidArgumentError(`${programId} has no ${name}`);
    await objects.put(`${context.keys.model}${name}`, body);
  }
  const outcome = await storeCandidate(
    state,
    draft,
    {
      files: feedback.files,
      ...(parentFiles === undefined ? {} : { parentFiles }),
      result: {
        status: 'ok',
        outcome: { kind: 'trained' },
        ...(feedback.llmFallbacks.length === 0 ? {} : { llmFallbacks: [...feedback.llmFallbacks] }),
        metrics: verdict.metrics,
        features: entry.features,
        feedback: text,
        judged: {
          users: verdict.users,
          jobMetrics: job.metrics,
          ...(verdict.agreement === undefined ? {} : { agreement: verdict.agreement }),
        },
      },
      entry,
      moreExchanges: feedback.exchanges,
    },
    services
  );
  return summary(outcome.record);
}

function summary(recorded: {
  status: 'ok' | 'failed';
  metrics: Readonly<Record<string, number>>;
  id: string;
}): RecordedCandidate {
  const fitness = recorded.metrics['val_ndcg@10'];
  return {
    programId: recorded.id,
    status: recorded.status,
    ...(recorded.status === 'ok' && fitness !== undefined ? { fitness } : {}),
  };
}

export type { RecordedCandidate };
export { record };
