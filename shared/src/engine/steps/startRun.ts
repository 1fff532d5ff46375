import { startRunState } from '../../core/evolution/index.js';
import { datasetViewPrefix } from '../../core/runs/index.js';
import { InvalidArgumentError } from '../../errors.js';
import { restartSession } from './runClock.js';
import { nextRunStep } from './runProgress.js';
import type { RunProgress } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';

/** Dataset names become key parts of the bucket's dataset prefixes. */
const DATASET_NAME = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/**
 * The StartRun step of an execution: a new run gets its state and evaluates its seed first
 * (generation 0); a resumed run (a new execution after a stop) goes on from its recorded state.
 * Only runs that were admitted (running) or whose execution failed may start.
 */
async function startRun(runId: string, services: StepServices): Promise<RunProgress> {
  const { registry, store, objects } = services;
  const now = services.now();
  const run = await registry.updateRun(runId, { status: 'running', updatedAt: now.toISOString() }, [
    'running',
    'failed',
  ]);
  if (run === undefined) {
    const existing = await registry.getRun(runId);
    throw new InvalidArgumentError(
      existing === undefined
        ? `run ${runId} does not exist`
        : `run ${runId} is ${existing.status}; only admitted or failed runs start`
    );
  }
  const stored = await store.loadRunState(runId);
  if (stored === undefined) {
    const { dataset } = run.config;
    if (!DATASET_NAME.test(dataset)) {
      throw new InvalidArgumentError(`dataset '${dataset}' must be a prepared dataset's name`);
    }
    const view = `${datasetViewPrefix(dataset, 'candidate')}dataset.json`;
    if ((await objects.get(view)) === undefined) {
      throw new InvalidArgumentError(
        `dataset '${dataset}' has no prepared view at ${objects.uri(view)}`
      );
    }
    const state = {
      ...startRunState(runId, run.config, now.toISOString()),
      sessionStartedAt: now.toISOString(),
    };
    await store.saveRunState(state);
    return { runId, next: 'generation', generation: 0, candidates: [state.seedProgramId] };
  }
  const state = restartSession(stored, now);
  await store.saveRunState(state);
  if (state.programs.length === 0) {
    return { runId, next: 'generation', generation: 0, candidates: [state.seedProgramId] };
  }
  return nextRunStep(state, objects);
}

export { startRun };
