import { ApiError } from '../apiError.js';
import type { RouteHandler } from '../apiRequest.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { programPathSchema } from '../pathParameters.js';
import { teamRun } from '../teamRun.js';

/** GET /runs/{runId}/programs/{programId}: its outcome (record, archive entry, costs) and files. */
const getProgram: RouteHandler = async (request, caller, deps) => {
  const { runId, programId } = parseRequestPart(
    programPathSchema,
    request.pathParameters,
    'the path'
  );
  await teamRun(deps.registry, runId, caller);
  const outcome = await deps.store.loadOutcome(runId, programId);
  if (outcome === undefined) {
    throw new ApiError(404, 'NOT_FOUND', `run ${runId} has no program ${programId}`);
  }
  // The outcome is stored last, so a program that has one has its files too.
  const files = await deps.store.loadProgramFiles(runId, programId);
  return { statusCode: 200, body: { outcome, files } };
};

export { getProgram };
