import type { RouteHandler } from '../apiRequest.js';
import { existingRun } from '../existingRun.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { runPathSchema } from '../pathParameters.js';
import { summarizeRunState } from '../runStateSummary.js';

/** GET /runs/{runId}: the run, and its progress once its state exists (after StartRun). */
const getRun: RouteHandler = async (request, deps) => {
  const { runId } = parseRequestPart(runPathSchema, request.pathParameters, 'the path');
  const run = await existingRun(deps.registry, runId);
  const state = await deps.store.loadRunState(runId);
  return {
    statusCode: 200,
    body: { run, ...(state === undefined ? {} : { progress: summarizeRunState(state) }) },
  };
};

export { getRun };
