import type { RouteHandler } from '../apiRequest.js';
import { existingRun } from '../existingRun.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { runPathSchema } from '../pathParameters.js';

/** GET /runs/{runId}/programs: one line per program, none before the seed is recorded. */
const listPrograms: RouteHandler = async (request, deps) => {
  const { runId } = parseRequestPart(runPathSchema, request.pathParameters, 'the path');
  await existingRun(deps.registry, runId);
  const state = await deps.store.loadRunState(runId);
  return { statusCode: 200, body: { programs: state?.programs ?? [] } };
};

export { listPrograms };
