import { z } from 'zod';
import { callerTeamsSchema } from '../api/callerTeams.js';
import { parseContract } from '../core/contracts/index.js';

const setting = z.string({ error: 'is not set' }).min(1, 'is empty');

/** A setting holding JSON text. */
const jsonSetting = setting.transform((text, context) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    context.addIssue({ code: 'custom', message: 'is not JSON' });
    return z.NEVER;
  }
});

/** Every variable a function of evolverec may read; each reads only those it needs. */
const functionEnvironmentSchema = z.object({
  TABLE_NAME: setting,
  BUCKET_NAME: setting,
  STATE_MACHINE_ARN: setting,
  ADMISSION_QUEUE_URL: setting,
  TEAM_MAX_CONCURRENT_RUNS: setting.transform(Number).pipe(z.int().min(1)),
  TEAM_MAX_RUN_USD: setting.transform(Number).pipe(z.number().positive()),
  /** The API's: principal ARN → team, as JSON (the stack's `callerTeams` setting). */
  CALLER_TEAMS: jsonSetting.pipe(callerTeamsSchema),
  /** Only the LLM steps hold one; without it they run the offline strategies. */
  OPENAI_SECRET_ARN: setting.optional(),
});

type FunctionEnvironment = z.output<typeof functionEnvironmentSchema>;
type FunctionVariable = keyof FunctionEnvironment;

/**
 * Reads and checks the named variables, throwing a ContractViolationError that names each one
 * missing or malformed. Handlers call it at their first invocation, not at import, so that a
 * module loads (in tests, in the local runner) whatever its environment holds.
 */
function readFunctionEnvironment<Name extends FunctionVariable>(
  names: readonly Name[],
  env: Readonly<Record<string, string | undefined>> = process.env
): Pick<FunctionEnvironment, Name> {
  const { shape } = functionEnvironmentSchema;
  const picked = z.object(Object.fromEntries(names.map((name) => [name, shape[name]])));
  const values = parseContract(picked, env, "the function's environment");
  // zod cannot follow a generic pick; the parsed object holds exactly the named variables.
  return values as unknown as Pick<FunctionEnvironment, Name>;
}

export type { FunctionEnvironment, FunctionVariable };
export { readFunctionEnvironment };
