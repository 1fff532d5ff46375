import { z } from 'zod';
import { InvalidArgumentError } from '../../errors.js';
import { ApiError } from '../apiError.js';
import type { RouteHandler } from '../apiRequest.js';
import { notFromRequest } from '../notFromRequest.js';
import { parseRequestPart } from '../parseRequestPart.js';

const MAX_PAGE_SIZE = 100;

const listRunsQuerySchema = z
  .object({
    team: notFromRequest,
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
    cursor: z.string().min(1).optional(),
  })
  .strict();

/**
 * GET /runs?limit=&cursor=: the caller's team's runs, newest first; `cursor` of the answer asks
 * for the next page.
 */
const listRuns: RouteHandler = async (request, caller, deps) => {
  const { limit, cursor } = parseRequestPart(
    listRunsQuerySchema,
    request.queryStringParameters ?? {},
    'the query string'
  );
  try {
    return {
      statusCode: 200,
      body: await deps.registry.listRuns({ team: caller.team, limit, cursor }),
    };
  } catch (error) {
    // The only argument the registry can still refuse: a cursor no listing returned.
    if (error instanceof InvalidArgumentError) {
      throw new ApiError(400, 'BAD_REQUEST', error.message);
    }
    throw error;
  }
};

export { listRuns };
