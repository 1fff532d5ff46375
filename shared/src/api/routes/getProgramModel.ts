import { runKeys } from '../../core/runs/index.js';
import { ApiError } from '../apiError.js';
import type { RouteHandler } from '../apiRequest.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { programPathSchema } from '../pathParameters.js';
import { teamRun } from '../teamRun.js';

/**
 * How long a model's download URLs live: long enough to start a download of a large model.onnx
 * (a GET that has started goes on past it), short enough that a URL pasted somewhere soon dies.
 */
const MODEL_URL_SECONDS = 900;

/**
 * GET /runs/{runId}/programs/{programId}/model: presigned GET URLs of the program's model files
 * (model.onnx, model.json). A model may be a gigabyte, past what API Gateway carries, so the
 * caller downloads it from the bucket itself; each URL reads one object and nothing else.
 */
const getProgramModel: RouteHandler = async (request, caller, deps) => {
  const { runId, programId } = parseRequestPart(
    programPathSchema,
    request.pathParameters,
    'the path'
  );
  await teamRun(deps.registry, runId, caller);
  const prefix = runKeys(runId).programModel(programId);
  const keys = await deps.objects.list(prefix);
  if (keys.length === 0) {
    throw new ApiError(
      404,
      'NOT_FOUND',
      `run ${runId} has no model of program ${programId} (it was not trained, or failed before its model was kept)`
    );
  }
  const files = await Promise.all(
    keys.map(async (key) => ({
      name: key.slice(prefix.length),
      url: await deps.objects.signedUrl(key, 'GET', MODEL_URL_SECONDS),
    }))
  );
  return { statusCode: 200, body: { files, expiresInSeconds: MODEL_URL_SECONDS } };
};

export { getProgramModel };
