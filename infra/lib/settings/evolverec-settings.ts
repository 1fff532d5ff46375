import type { Node } from 'constructs';
import { z } from 'zod';
import { callerTeamsSchema } from '../../../shared/src/api/callerTeams.js';

/** Values given on the command line (`cdk synth -c evolverec:maxvCpus=32`) arrive as strings. */
const count = z.coerce.number().int().min(1);
const flag = z.union([z.boolean(), z.enum(['true', 'false']).transform((text) => text === 'true')]);
const names = z.union([
  z.array(z.string().min(1)).min(1),
  z
    .string()
    .min(1)
    .transform((text) => text.split(',').map((name) => name.trim())),
]);

/** A JSON object, as cdk.json holds it or as its text (`-c key='{"…": …}'`). */
const jsonObject = z
  .union([z.string(), z.record(z.string(), z.unknown())])
  .transform((value, context) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'is not JSON' });
      return z.NEVER;
    }
  });

/**
 * The API function gets the caller teams as one environment variable, and a function's
 * variables may hold 4 KB in all: this leaves room for the others (about 40 roles).
 */
const MAX_CALLER_TEAMS_CHARS = 3_000;

/**
 * Everything an operator may tune, with its default. In cdk.json each is a context key
 * `evolverec:<name>`; app.ts reads them with settingsFromContext.
 */
const evolverecSettingsSchema = z
  .object({
    /** Candidates of a generation evaluated at once (the Distributed Map's MaxConcurrency). */
    candidateConcurrency: count.default(4),
    /** EC2 instance families the GPU compute environment may launch (Spot). */
    trainingInstanceClasses: names.default(['g5', 'g6']),
    /** The compute environment's ceiling: 4 vCPUs per training job. */
    trainingMaxVcpus: count.default(16),
    /** Runs of one team executing at once; more wait in the admission queue. */
    teamMaxConcurrentRuns: count.default(2),
    /** The largest budget a team may give one run, in USD. */
    teamMaxRunUsd: z.coerce.number().positive().default(50),
    /**
     * Deliveries of an admission message before it moves to the dead-letter queue. A run that
     * must wait for its team's slot is delivered again every visibility timeout (30 min), so the
     * default lets it wait a day.
     */
    admissionMaxReceiveCount: count.default(48),
    /** Days a candidate's work objects (drafts, attempts, feedback) are kept. */
    workObjectExpiryDays: count.default(30),
    /** Whether the run table refuses deletion (turn off only for throwaway stacks). */
    tableDeletionProtection: flag.default(true),
    /**
     * Who may use the API, and as which team: IAM user or role ARN → team. A role's sessions
     * are the role. A caller not named here is refused (403); none is named by default. Resolved
     * with each ARN as the API keys it (shared/src/api/callerTeams.ts), ready for its environment.
     */
    callerTeams: jsonObject
      .pipe(callerTeamsSchema)
      .transform((teams) => Object.fromEntries(teams))
      .refine((teams) => JSON.stringify(teams).length <= MAX_CALLER_TEAMS_CHARS, {
        message: `is more than ${MAX_CALLER_TEAMS_CHARS} characters as JSON, too many for the API function's environment; map roles, not users`,
      })
      .prefault({}),
  })
  .strict();

type EvolverecSettings = z.output<typeof evolverecSettingsSchema>;
type EvolverecSettingsInput = Partial<z.input<typeof evolverecSettingsSchema>>;

const CONTEXT_PREFIX = 'evolverec:';

/** The settings with every one not given at its default; an invalid value names its key. */
function resolveSettings(given: EvolverecSettingsInput = {}): EvolverecSettings {
  const parsed = evolverecSettingsSchema.safeParse(given);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys'
      ? `no such setting: ${issue.keys.map((key) => `${CONTEXT_PREFIX}${key}`).join(', ')}`
      : `${CONTEXT_PREFIX}${issue.path.join('.')}: ${issue.message}`
  );
  throw new Error(`invalid evolverec settings: ${issues.join('; ')}`);
}

/** The settings among other values (a stack's props): those it names and gives a value. */
function pickSettings(values: object): EvolverecSettingsInput {
  const names = new Set(Object.keys(evolverecSettingsSchema.shape));
  return Object.fromEntries(
    Object.entries(values).filter(([name, value]) => names.has(name) && value !== undefined)
  );
}

/**
 * The `evolverec:<name>` context values (cdk.json, `-c`), validated, defaults filled in; a key
 * with the prefix that names no setting is an error, not a silently ignored typo.
 */
function settingsFromContext(node: Node): EvolverecSettings {
  const given = Object.fromEntries(
    Object.entries(node.getAllContext())
      .filter(([key]) => key.startsWith(CONTEXT_PREFIX))
      .map(([key, value]) => [key.slice(CONTEXT_PREFIX.length), value])
  );
  return resolveSettings(given);
}

export type { EvolverecSettings, EvolverecSettingsInput };
export { pickSettings, resolveSettings, settingsFromContext };
