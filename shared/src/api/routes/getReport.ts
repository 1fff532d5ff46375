import { z } from 'zod';
import { runKeys } from '../../core/runs/index.js';
import { ApiError } from '../apiError.js';
import type { RouteHandler } from '../apiRequest.js';
import { HTML_CONTENT_TYPE } from '../apiRequest.js';
import { notFromRequest } from '../notFromRequest.js';
import { parseRequestPart } from '../parseRequestPart.js';
import { runPathSchema } from '../pathParameters.js';
import { teamRun } from '../teamRun.js';

const reportQuerySchema = z
  .object({
    team: notFromRequest,
    /** `html` (the default): the report page; `json`: report.json. */
    format: z.enum(['html', 'json']).default('html'),
  })
  .strict();

/**
 * GET /runs/{runId}/report[?format=json]: the report Finalize wrote, as its self-contained page
 * (text/html) or as report.json; 404 until then.
 */
const getReport: RouteHandler = async (request, caller, deps) => {
  const { runId } = parseRequestPart(runPathSchema, request.pathParameters, 'the path');
  const { format } = parseRequestPart(
    reportQuerySchema,
    request.queryStringParameters ?? {},
    'the query string'
  );
  const run = await teamRun(deps.registry, runId, caller);
  const keys = runKeys(runId);
  const bytes = await deps.objects.get(format === 'html' ? keys.reportHtml : keys.reportJson);
  if (bytes === undefined) {
    throw new ApiError(404, 'NOT_FOUND', `run ${runId} has no report yet (it is ${run.status})`);
  }
  const text = new TextDecoder().decode(bytes);
  return format === 'html'
    ? { statusCode: 200, body: text, contentType: HTML_CONTENT_TYPE }
    : { statusCode: 200, body: JSON.parse(text) };
};

export { getReport };
