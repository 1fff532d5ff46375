import { ApiError } from './apiError.js';
import type {
  ApiDependencies,
  ApiRequest,
  ApiResponse,
  Caller,
  RouteHandler,
} from './apiRequest.js';
import { teamOfCaller } from './callerTeams.js';
import { cancelRun } from './routes/cancelRun.js';
import { createRun } from './routes/createRun.js';
import { getProgram } from './routes/getProgram.js';
import { getProgramModel } from './routes/getProgramModel.js';
import { getReport } from './routes/getReport.js';
import { getRun } from './routes/getRun.js';
import { listPrograms } from './routes/listPrograms.js';
import { listRuns } from './routes/listRuns.js';
import { resumeRun } from './routes/resumeRun.js';

/** Resource (as API Gateway names it) → method → route. */
const ROUTES: Readonly<Record<string, Readonly<Record<string, RouteHandler>>>> = {
  '/runs': { GET: listRuns, POST: createRun },
  '/runs/{runId}': { GET: getRun },
  '/runs/{runId}/programs': { GET: listPrograms },
  '/runs/{runId}/programs/{programId}': { GET: getProgram },
  '/runs/{runId}/programs/{programId}/model': { GET: getProgramModel },
  '/runs/{runId}/report': { GET: getReport },
  '/runs/{runId}/cancel': { POST: cancelRun },
  '/runs/{runId}/resume': { POST: resumeRun },
};

/**
 * Answers one API request. Every route serves a caller with a team only (403 otherwise), and
 * only that team's runs. Expected failures (a bad request, an unknown run, a conflict) are
 * answered here; anything else is thrown for the shell to log and answer with a bare 500.
 */
async function handleApiRequest(request: ApiRequest, deps: ApiDependencies): Promise<ApiResponse> {
  try {
    const caller = callerOf(request, deps);
    return await routeOf(request)(request, caller, deps);
  } catch (error) {
    if (error instanceof ApiError) return error.toResponse();
    throw error;
  }
}

/** The caller and its team, from the IAM identity API Gateway names; 403 without a team. */
function callerOf(request: ApiRequest, deps: ApiDependencies): Caller {
  const arn = request.callerArn;
  const team = teamOfCaller(arn, deps.callerTeams);
  if (arn === undefined || team === undefined) {
    throw new ApiError(
      403,
      'FORBIDDEN',
      `${arn ?? 'an unnamed caller'} belongs to no team of this API; ask its operator to map it to one`
    );
  }
  return { arn, team };
}

/** Every route the API answers: a method on a resource, as API Gateway names it. */
const API_ROUTES: readonly { readonly method: string; readonly resource: string }[] =
  Object.entries(ROUTES).flatMap(([resource, methods]) =>
    Object.keys(methods).map((method) => ({ method, resource }))
  );

function routeOf(request: ApiRequest): RouteHandler {
  const methods = ROUTES[request.resource];
  if (methods === undefined) {
    throw new ApiError(404, 'NOT_FOUND', `there is no resource ${request.resource}`);
  }
  const route = methods[request.method.toUpperCase()];
  if (route === undefined) {
    const allowed = Object.keys(methods).join(', ');
    throw new ApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `${request.method} is not allowed on ${request.resource} (allowed: ${allowed})`
    );
  }
  return route;
}

export { API_ROUTES, handleApiRequest };
