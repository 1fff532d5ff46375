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
 * queued → running → finished | failed | cancelled. A queued run waits for admission; a failed
 * run can be resumed through the API (queued again, admitted again) from its stored state.
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
    /** The Step Functions execution (or the local runner's) driving it, or that last drove it. */
    executionArn: z.string().min(1).optional(),
    /** How many times it was resumed through the API; each admission's execution is named so. */
    resumes: z.int().min(1).optional(),
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

/**
 * The name of the execution that drives the run after its latest admission: the run id, then
 * `<runId>-resume-<n>` after its n-th resume (Step Functions never reuses a name). Run ids the
 * API makes (newRunId) are 24 characters, so these fit an execution name's 80.
 */
function executionNameOf(run: Pick<RunRecord, 'runId' | 'resumes'>): string {
  return run.resumes === undefined ? run.runId : `${run.runId}-resume-${run.resumes}`;
}

/**
 * The run's execution ARN when it is its latest admission's (its name is executionNameOf's);
 * undefined while that one has not been recorded, even if an earlier one is.
 */
function currentExecutionArn(run: RunRecord): string | undefined {
  const { executionArn } = run;
  return executionArn?.endsWith(`:${executionNameOf(run)}`) ? executionArn : undefined;
}
type RunStatus = z.infer<typeof runStatusSchema>;

/** What a status change may carry. */
type RunRecordChanges = Partial<
  Pick<
    RunRecord,
    | 'status'
    | 'executionArn'
    | 'resumes'
    | 'generation'
    | 'bestProgramId'
    | 'bestFitness'
    | 'usd'
    | 'stopReason'
    | 'updatedAt'
  >
>;

export type { RunRecord, RunRecordChanges, RunStatus };
export {
  currentExecutionArn,
  executionNameOf,
  runIdSchema,
  runRecordSchema,
  runStatusSchema,
  teamSchema,
};
