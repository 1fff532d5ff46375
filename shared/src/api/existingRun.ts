import type { RunRecord } from '../core/runs/index.js';
import type { RunRegistry } from '../engine/index.js';
import { ApiError } from './apiError.js';

/** The run, or a 404 naming it. */
async function existingRun(registry: RunRegistry, runId: string): Promise<RunRecord> {
  const run = await registry.getRun(runId);
  if (run === undefined) throw new ApiError(404, 'NOT_FOUND', `run ${runId} does not exist`);
  return run;
}

export { existingRun };
