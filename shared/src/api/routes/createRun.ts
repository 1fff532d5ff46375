import type { RunRecord } from '../../core/runs/index.js';
import { runKeys } from '../../core/runs/index.js';
import { ApiError } from '../apiError.js';
import type { RouteHandler } from '../apiRequest.js';
import { createRunRequestSchema } from '../createRunRequest.js';
import { parseJsonRequestPart } from '../parseRequestPart.js';

/**
 * POST /runs: stores the seed files, records the run as queued for the caller's team and asks
 * for its admission; the starter runs it once the team's limits allow (202).
 */
const createRun: RouteHandler = async (request, caller, deps) => {
  const { config, seedFiles } = parseJsonRequestPart(
    createRunRequestSchema,
    request.body,
    'the request body'
  );
  const runId = deps.newRunId();
  const seedPrefix = runKeys(runId).seed;
  await Promise.all(
    Object.entries(seedFiles).map(async ([name, text]) => {
      if (text !== undefined) await deps.objects.put(`${seedPrefix}${name}`, text);
    })
  );
  const at = deps.now().toISOString();
  const run: RunRecord = {
    runId,
    team: caller.team,
    status: 'queued',
    createdAt: at,
    updatedAt: at,
    config,
    generation: 0,
    usd: 0,
  };
  if (!(await deps.registry.createRun(run))) {
    throw new ApiError(409, 'CONFLICT', `run ${runId} exists already`);
  }
  try {
    await deps.queue.send(runId);
  } catch (error) {
    // Without its message the run would wait in `queued` forever.
    await deps.registry.updateRun(
      runId,
      { status: 'failed', stopReason: 'could not be queued for admission', updatedAt: at },
      ['queued']
    );
    throw error;
  }
  return { statusCode: 202, body: { runId, status: run.status } };
};

export { createRun };
