import type { z } from 'zod';
import { parseContract, parseJsonContract } from '../core/contracts/index.js';
import { ContractViolationError } from '../errors.js';
import { ApiError } from './apiError.js';

/**
 * Parses a part of the request (its body, path or query), answering 400 with zod's issues, each
 * naming its field: `the request body is invalid: config.generations: Too big: …`.
 */
function parseRequestPart<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string
): z.output<Schema> {
  return asBadRequest(() => parseContract(schema, value, what));
}

/** The same for a JSON body; text that is not JSON is a 400 too. */
function parseJsonRequestPart<Schema extends z.ZodType>(
  schema: Schema,
  text: string | null,
  what: string
): z.output<Schema> {
  return asBadRequest(() => parseJsonContract(schema, text ?? '', what));
}

function asBadRequest<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof ContractViolationError) {
      throw new ApiError(400, 'BAD_REQUEST', error.message);
    }
    throw error;
  }
}

export { parseJsonRequestPart, parseRequestPart };
