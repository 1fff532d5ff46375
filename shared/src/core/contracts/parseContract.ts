import type { z } from 'zod';
import { ContractViolationError } from '../../errors.js';

/** Parses a value that crossed a boundary, or throws a ContractViolationError naming `what`. */
function parseContract<Schema extends z.ZodType>(
  schema: Schema,
  value: unknown,
  what: string
): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new ContractViolationError(what, parsed.error.issues, { cause: parsed.error });
  }
  return parsed.data;
}

/** Same as parseContract, for JSON text (a file's contents); malformed JSON is a violation too. */
function parseJsonContract<Schema extends z.ZodType>(
  schema: Schema,
  text: string,
  what: string
): z.output<Schema> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = `not valid JSON (${(error as Error).message})`;
    throw new ContractViolationError(what, [{ path: [], message }], { cause: error });
  }
  return parseContract(schema, value, what);
}

export { parseContract, parseJsonContract };
