import type { RouteHandler } from '../apiRequest.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { runPathSchema } from '../pathParameters.js';
import { teamRun } from '../teamRun.js';

/** GET /runs/{runId}/programs: one line per program, none before the seed is recorded. */
const listPrograms: RouteHandler = async (request, caller, deps) => {
  const { runId } = parseRequestPart(runPathSchema, request.pathParameters, 'the path');
  await teamRun(deps.registry, runId, caller);
  const state = await deps.store.loadRunState(runId);
  return { statusCode: 200, body: { programs: state?.programs ?? [] } };
};

export { listPrograms };
