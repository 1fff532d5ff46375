import { runKeys } from '../../core/runs/index.js';
import { ApiError } from '../apiError.js';
import type { RouteHandler } from '../apiRequest.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { runPathSchema } from '../pathParameters.js';
import { teamRun } from '../teamRun.js';

/** GET /runs/{runId}/report: the report Finalize wrote (report.json); 404 until then. */
const getReport: RouteHandler = async (request, caller, deps) => {
  const { runId } = parseRequestPart(runPathSchema, request.pathParameters, 'the path');
  const run = await teamRun(deps.registry, runId, caller);
  const bytes = await deps.objects.get(runKeys(runId).reportJson);
  if (bytes === undefined) {
    throw new ApiError(404, 'NOT_FOUND', `run ${runId} has no report yet (it is ${run.status})`);
  }
  return { statusCode: 200, body: JSON.parse(new TextDecoder().decode(bytes)) };
};

export { getReport };
