import { ApiError } from '../apiError.js';
import type { RouteHandler } from '../apiRequest.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { runPathSchema } from '../pathParameters.js';
import { teamRun } from '../teamRun.js';

/**
 * POST /runs/{runId}/resume: a failed run is queued again and asks for its admission, like a new
 * run, so that its team's limits hold; once admitted, a new execution (named for this resume)
 * goes on from its stored state (202). Any other status is a 409.
 */
const resumeRun: RouteHandler = async (request, caller, deps) => {
  const { runId } = parseRequestPart(runPathSchema, request.pathParameters, 'the path');
  const run = await teamRun(deps.registry, runId, caller);
  if (run.status !== 'failed') {
    throw new ApiError(
      409,
      'CONFLICT',
      `run ${runId} is ${run.status}; only a failed run can be resumed`
    );
  }
  const updatedAt = deps.now().toISOString();
  const queued = await deps.registry.updateRun(
    runId,
    { status: 'queued', resumes: (run.resumes ?? 0) + 1, updatedAt },
    ['failed']
  );
  if (queued === undefined) {
    throw new ApiError(409, 'CONFLICT', `run ${runId} changed while being resumed; try again`);
  }
  try {
    await deps.queue.send(runId);
  } catch (error) {
    // Without its message the run would wait in `queued` forever.
    await deps.registry.updateRun(
      runId,
      { status: 'failed', stopReason: 'could not be queued for admission', updatedAt },
      ['queued']
    );
    throw error;
  }
  return { statusCode: 202, body: { runId, status: queued.status } };
};

export { resumeRun };
