import { z } from 'zod';
import { evaluationErrorSchema } from '../evaluation/index.js';
import { jobAgreementSchema } from '../judging/index.js';
import { programOutcomeSchema } from './programOutcome.js';

/** Where a candidate's life ended when it did not reach the archive. */
const candidateFailureSchema = z
  .object({
    /**
     * `propose`: no usable proposal (LLM error, bad JSON, edits that did not apply);
     * `duplicate`: a near-copy of a program already evaluated; `train`: the harness failed it
     * (after the repairs); `judge`: the judge could not score its model (non-finite scores, an
     * export that does not load, past the judge's limits); `record`: a step of its own failed
     * after its retries (the reason names the error); `budget`: the run's budget ran out
     * before it was tried.
     */
    stage: z.enum(['propose', 'duplicate', 'train', 'judge', 'record', 'budget']),
    reason: z.string(),
  })
  .strict();

/** One trainer run that failed and went to the repair loop. */
const repairRecordSchema = z
  .object({
    attempt: z.int().min(1),
    error: evaluationErrorSchema,
    /** The LLM's one-line diagnosis of the repair that followed, when there was one. */
    diagnosis: z.string().optional(),
  })
  .strict();

/**
 * A program of a run, whatever became of it: the seed, an evaluated candidate, or a failed one.
 * Stored as `program.json` beside its files; the archive keeps only the successful ones.
 */
const programRecordSchema = z
  .object({
    id: z.string().min(1),
    generation: z.int().min(0),
    island: z.int().min(0),
    parentId: z.string().min(1).nullable(),
    inspirationIds: z.array(z.string().min(1)),
    status: z.enum(['ok', 'failed']),
    /** How it ended (absent in records stored before outcomes were kept). */
    outcome: programOutcomeSchema.optional(),
    failure: candidateFailureSchema.optional(),
    /** The LLM's idea, or the `nas` mutation's description. */
    idea: z.string().optional(),
    /** Directional feedback on this program (simulator + diagnosis), as the next prompt shows it. */
    feedback: z.string().optional(),
    /** The judge's validation metrics, over the users whose targets no job ever received. */
    metrics: z.record(z.string(), z.number()),
    /** How the figures in `metrics` were made: the judge's users, and the job's own figures. */
    judged: z
      .object({
        users: z.int().min(1),
        /** The job's figures on its tuning users, computed beside the program: not of record. */
        jobMetrics: z.record(z.string(), z.number()),
        agreement: jobAgreementSchema.optional(),
      })
      .strict()
      .optional(),
    /** The archive features and objectives it was inserted with. */
    features: z.record(z.string(), z.number()),
    repairs: z.array(repairRecordSchema),
    /** Where an LLM stood in for by rules (the interpreter, the critique), and why. */
    llmFallbacks: z
      .array(z.object({ part: z.string().min(1), reason: z.string() }).strict())
      .optional(),
    /** LLM and training cost of this program, repairs included. */
    usd: z.number().min(0),
    trainSeconds: z.number().min(0),
    createdAt: z.iso.datetime(),
  })
  .strict();

type ProgramRecord = z.infer<typeof programRecordSchema>;
type CandidateFailure = z.infer<typeof candidateFailureSchema>;
type RepairRecord = z.infer<typeof repairRecordSchema>;

export type { CandidateFailure, ProgramRecord, RepairRecord };
export { candidateFailureSchema, programRecordSchema, repairRecordSchema };
