import type { RunRecord } from '../core/runs/index.js';
import type { RunRegistry } from '../engine/index.js';
import { ApiError } from './apiError.js';
import type { Caller } from './apiRequest.js';

/**
 * The run, when it exists and is the caller's team's; else a 404 naming it, the same for a run
 * of another team as for none, so that the answer does not confirm other teams' run ids.
 */
async function teamRun(registry: RunRegistry, runId: string, caller: Caller): Promise<RunRecord> {
  const run = await registry.getRun(runId);
  if (run === undefined || run.team !== caller.team) {
    throw new ApiError(404, 'NOT_FOUND', `run ${runId} does not exist`);
  }
  return run;
}

export { teamRun };
