import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { z } from 'zod';
import { UsageError } from '../shared/src/errors.js';

type FlagSpec = NonNullable<ParseArgsConfig['options']>;

interface ParsedFlags<Schema extends z.ZodType> {
  readonly flags: z.output<Schema>;
  readonly positionals: string[];
}

/**
 * Parses a subcommand's arguments strictly (unknown flags are errors) and validates the flag
 * values with a schema keyed by flag name, so every message can name the offending flag.
 */
function parseFlags<Schema extends z.ZodType>(
  args: readonly string[],
  options: FlagSpec,
  schema: Schema
): ParsedFlags<Schema> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: true });
  } catch (error) {
    // parseArgs names the flag itself: "Unknown option '--foo'", "Option '--out <value>' argument missing".
    throw new UsageError((error as Error).message, { cause: error });
  }
  const checked = schema.safeParse(parsed.values);
  if (!checked.success) {
    const [issue] = checked.error.issues;
    const flag = issue?.path[0];
    throw new UsageError(
      flag === undefined
        ? (issue?.message ?? 'invalid flags')
        : `--${String(flag)} ${issue?.message}`,
      { cause: checked.error }
    );
  }
  return { flags: checked.data, positionals: parsed.positionals };
}

export type { FlagSpec };
export { parseFlags };
