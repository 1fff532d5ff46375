import type { RouteHandler } from '../apiRequest.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { runPathSchema } from '../pathParameters.js';
import { summarizeRunState } from '../runStateSummary.js';
import { teamRun } from '../teamRun.js';

/** GET /runs/{runId}: the run, and its progress once its state exists (after StartRun). */
const getRun: RouteHandler = async (request, caller, deps) => {
  const { runId } = parseRequestPart(runPathSchema, request.pathParameters, 'the path');
  const run = await teamRun(deps.registry, runId, caller);
  const state = await deps.store.loadRunState(runId);
  return {
    statusCode: 200,
    body: { run, ...(state === undefined ? {} : { progress: summarizeRunState(state) }) },
  };
};

export { getRun };
