import type { RunState } from '../../core/evolution/index.js';
import { InvalidArgumentError } from '../../errors.js';
import type { StepServices } from './stepServices.js';

/** The run's stored state; a step of a run that has none was started out of order. */
async function requireRunState(services: StepServices, runId: string): Promise<RunState> {
  const state = await services.store.loadRunState(runId);
  if (state === undefined) {
    throw new InvalidArgumentError(`run ${runId} has no state; StartRun first`);
  }
  return state;
}

export { requireRunState };
