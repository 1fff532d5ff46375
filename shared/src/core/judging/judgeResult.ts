import { z } from 'zod';
import { failureKindSchema } from '../evaluation/index.js';

const metricsSchema = z.record(z.string(), z.number());

/**
 * The job's own figure beside the judge's on the same (tuning) users. The job's figures come
 * from code that ran beside the program; a gap past the tolerance says the two models differ
 * (an export that is not the trained model, a forged metrics.json).
 */
const jobAgreementSchema = z
  .object({
    metric: z.string().min(1),
    job: z.number(),
    judge: z.number(),
    tolerance: z.number().min(0),
    agrees: z.boolean(),
  })
  .strict();

const judgeOkSchema = z
  .object({
    schemaVersion: z.literal(1),
    status: z.literal('ok'),
    split: z.enum(['val', 'test']),
    /** `val_*` over the held-out users, or `test_*` over every user: the figures of record. */
    metrics: metricsSchema,
    users: z.int().min(1),
    /** `val` only: the same metrics over the tuning users, whose targets the job saw. */
    tuning: z
      .object({ metrics: metricsSchema, users: z.int().min(0) })
      .strict()
      .optional(),
    agreement: jobAgreementSchema.optional(),
    seconds: z.object({ load: z.number().min(0), score: z.number().min(0) }).strict(),
  })
  .strict();

const judgeFailedSchema = z
  .object({
    schemaVersion: z.literal(1),
    status: z.literal('failed'),
    split: z.enum(['val', 'test']),
    error: z.object({ kind: failureKindSchema, message: z.string() }).strict(),
  })
  .strict();

/** `judge.json`: the trusted judge's verdict on one exported model. */
const judgeResultSchema = z.discriminatedUnion('status', [judgeOkSchema, judgeFailedSchema]);

type JudgeResult = z.infer<typeof judgeResultSchema>;
type JobAgreement = z.infer<typeof jobAgreementSchema>;

/**
 * The job's figure the judge checks, and how far apart the two may be: an absolute part for
 * float rounding near zero, a relative part for it elsewhere. An honest program's PyTorch and
 * ONNX scores agree to 1e-4, which moves NDCG@10 far less than either.
 */
const AGREEMENT_METRIC = 'val_ndcg@10';
const AGREEMENT_ABSOLUTE = 0.001;
const AGREEMENT_RELATIVE = 0.02;

/**
 * Compares the job's own validation figure with the judge's on the same users. Both rank the
 * same targets by the same rule; only the model (PyTorch in the job, ONNX here) and float
 * rounding differ, so an honest program lands well inside the tolerance.
 */
function jobAgreement(
  jobMetrics: Readonly<Record<string, number>>,
  judgeTuningMetrics: Readonly<Record<string, number>>
): JobAgreement | undefined {
  const job = jobMetrics[AGREEMENT_METRIC];
  const judge = judgeTuningMetrics[AGREEMENT_METRIC];
  if (job === undefined || judge === undefined) return undefined;
  const tolerance =
    AGREEMENT_ABSOLUTE + AGREEMENT_RELATIVE * Math.max(Math.abs(job), Math.abs(judge));
  return {
    metric: AGREEMENT_METRIC,
    job,
    judge,
    tolerance,
    agrees: Math.abs(job - judge) <= tolerance,
  };
}

/** One line for people and prompts when the job's figure and the judge's disagree. */
function describeDisagreement(agreement: JobAgreement): string {
  return `the job reported ${agreement.metric} ${agreement.job.toFixed(4)} on its tuning users; the judge measured ${agreement.judge.toFixed(4)} on the same users from model.onnx`;
}

export type { JobAgreement, JudgeResult };
export { describeDisagreement, jobAgreement, jobAgreementSchema, judgeResultSchema };
