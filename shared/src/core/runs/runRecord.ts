import { z } from 'zod';
import { runConfigSchema } from '../evolution/index.js';

/** Ids become S3 key parts, DynamoDB keys and execution names: nothing that escapes them. */
const runIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, 'letters, digits, ".", "_" and "-", at most 80');

/** A team's name, the unit of admission limits. */
const teamSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and "-", at most 40');

/**
 * queued → running → finished | failed | cancelled. A queued run waits for admission; a run
 * whose execution stopped can be resumed (running again) from its stored state.
 */
const runStatusSchema = z.enum(['queued', 'running', 'finished', 'failed', 'cancelled']);

/** One run as listings show it: who, what, where it stands, what it cost. */
const runRecordSchema = z
  .object({
    runId: runIdSchema,
    team: teamSchema,
    status: runStatusSchema,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    config: runConfigSchema,
    /** The Step Functions execution (or the local runner's) driving it. */
    executionArn: z.string().min(1).optional(),
    /** The last generation recorded; 0 once the seed is in. */
    generation: z.int().min(0),
    bestProgramId: z.string().min(1).optional(),
    bestFitness: z.number().optional(),
    usd: z.number().min(0),
    /** Why it finished, failed or was cancelled. */
    stopReason: z.string().optional(),
  })
  .strict();

type RunRecord = z.infer<typeof runRecordSchema>;
type RunStatus = z.infer<typeof runStatusSchema>;

/** What a status change may carry. */
type RunRecordChanges = Partial<
  Pick<
    RunRecord,
    | 'status'
    | 'executionArn'
    | 'generation'
    | 'bestProgramId'
    | 'bestFitness'
    | 'usd'
    | 'stopReason'
    | 'updatedAt'
  >
>;

export type { RunRecord, RunRecordChanges, RunStatus };
export { runIdSchema, runRecordSchema, runStatusSchema, teamSchema };
