import { evaluationResultSchema } from '../../core/evaluation/index.js';
import { archiveEntryFor } from '../../core/evolution/index.js';
import { codeComplexity } from '../../core/program/index.js';
import { runKeys } from '../../core/runs/index.js';
import { InvalidArgumentError } from '../../errors.js';
import {
  combineFeedback,
  diagnosisFeedbackSchema,
  simulationFeedbackSchema,
} from '../modelFeedback.js';
import { loadDraft } from './candidateDraft.js';
import { describeJobError } from './checkTraining.js';
import { requireState } from './propose.js';
import type { FeedbackInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { storeCandidate } from './storeCandidate.js';
import { getJson, getProgramFiles } from './storedObjects.js';

/** What Record returns: enough for the execution's history, nothing more. */
interface RecordedCandidate {
  readonly programId: string;
  readonly status: 'ok' | 'failed';
  readonly fitness?: number;
}

/**
 * The Record step of a trained candidate: its validation metrics, its directional feedback
 * (whatever parts of it were produced) and its archive entry, stored with its files. The store's
 * write is conditional: a retried Record stores nothing twice.
 */
async function record(input: FeedbackInput, services: StepServices): Promise<RecordedCandidate> {
  const { runId, programId, attempt } = input;
  const { store, objects } = services;
  const stored = await store.loadOutcome(runId, programId);
  if (stored !== undefined) return summary(stored.record);
  const state = await requireState(services, runId);
  const draft = await loadDraft(objects, runId, programId);
  if (draft === undefined) throw new InvalidArgumentError(`${programId} has no draft`);
  const keys = runKeys(runId);
  const result = await getJson(
    objects,
    `${keys.attemptOut(programId, attempt)}metrics.json`,
    evaluationResultSchema
  );
  if (result?.status !== 'ok') {
    throw new InvalidArgumentError(
      `${programId} attempt ${attempt} has no successful metrics.json`
    );
  }
  const files = await getProgramFiles(objects, keys.attemptProgram(programId, attempt));
  const parentFiles =
    draft.parentId === null ? undefined : await store.loadProgramFiles(runId, draft.parentId);
  const [simulation, diagnosis] = await Promise.all([
    getJson(objects, keys.feedback(programId, 'simulation'), simulationFeedbackSchema),
    getJson(objects, keys.feedback(programId, 'diagnosis'), diagnosisFeedbackSchema),
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
      : `${feedback.text}\nFeedback incomplete: ${describeJobError(input.feedbackError)}`.trim();
  const origin = {
    id: programId,
    island: draft.island,
    generation: draft.generation,
    parentId: draft.parentId,
  };
  const entry = archiveEntryFor(
    origin,
    result.metrics,
    codeComplexity(feedback.files),
    feedback.figures
  );
  const outcome = await storeCandidate(
    state,
    draft,
    {
      files: feedback.files,
      ...(parentFiles === undefined ? {} : { parentFiles }),
      result: { status: 'ok', metrics: result.metrics, features: entry.features, feedback: text },
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
