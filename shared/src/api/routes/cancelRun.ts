import { currentExecutionArn } from '../../core/runs/index.js';
import { ApiError } from '../apiError.js';
import type { RouteHandler } from '../apiRequest.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { runPathSchema } from '../pathParameters.js';
import { teamRun } from '../teamRun.js';

/**
 * Reads of the run before giving up: each failed conditional write means the run moved on
 * (queued → running → ended) while it was being cancelled, and it can do so only so often.
 */
const CANCEL_ATTEMPTS = 3;

/**
 * POST /runs/{runId}/cancel: a queued run is cancelled before it starts; a running one has its
 * execution stopped first. A run that has ended is a 409. A running run whose execution is not
 * recorded yet is being started: the starter stops the execution when it finds the run cancelled.
 */
const cancelRun: RouteHandler = async (request, caller, deps) => {
  const { runId } = parseRequestPart(runPathSchema, request.pathParameters, 'the path');
  const stopReason = `cancelled through the API by ${caller.arn}`;
  for (let attempt = 1; attempt <= CANCEL_ATTEMPTS; attempt += 1) {
    const run = await teamRun(deps.registry, runId, caller);
    if (run.status !== 'queued' && run.status !== 'running') {
      throw new ApiError(
        409,
        'CONFLICT',
        `run ${runId} is ${run.status}; only a queued or running run can be cancelled`
      );
    }
    const executionArn = currentExecutionArn(run);
    if (run.status === 'running' && executionArn !== undefined) {
      await deps.executions.stop(executionArn, stopReason);
    }
    const updatedAt = deps.now().toISOString();
    const cancelled = await deps.registry.updateRun(
      runId,
      { status: 'cancelled', stopReason, updatedAt },
      [run.status]
    );
    if (cancelled !== undefined) {
      return { statusCode: 200, body: { runId, status: cancelled.status } };
    }
  }
  throw new ApiError(
    409,
    'CONFLICT',
    `run ${runId} kept changing while being cancelled; try again`
  );
};

export { cancelRun };
