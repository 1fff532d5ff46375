import { z } from 'zod';

/**
 * The trainer's metrics.json: one candidate's evaluation, written by Python and read by Node.
 * `shared/schemas/evaluation-result.schema.json` is generated from this schema (`npm run schemas`)
 * and the trainer validates its output against it, so both sides read one contract.
 *
 * The status is the discriminator: a failed result always carries an `error` and is never
 * `correct`, which the JSON Schema states too (a refinement would be lost in the export).
 */

const failureKindSchema = z.enum([
  'invalid_program',
  'exception',
  'nan',
  'timeout',
  'memory',
  'export',
  'internal',
]);

const evaluationErrorSchema = z
  .object({
    kind: failureKindSchema,
    message: z.string(),
    logTail: z.string(),
  })
  .strict();

const curvePointSchema = z
  .object({
    epoch: z.int().min(1),
    loss: z.number(),
    valNdcg10: z.number(),
    seconds: z.number().min(0),
  })
  .strict();

const secondsSchema = z
  .object({
    total: z.number().min(0),
    train: z.number().min(0),
    perEpoch: z.number().min(0),
    evaluate: z.number().min(0),
    export: z.number().min(0),
  })
  .strict();

const datasetSummarySchema = z
  .object({
    name: z.string().min(1),
    users: z.int().min(0),
    items: z.int().min(0),
    view: z.literal('candidate'),
  })
  .strict();

/** Relative file names inside the evaluation's output directory. */
const artifactsSchema = z
  .object({
    onnx: z.string().min(1),
    manifest: z.string().min(1),
    checkpoint: z.string().min(1),
  })
  .strict();

const commonFields = {
  schemaVersion: z.literal(1),
  /** Validation NDCG@10, the fitness; 0 when failed. */
  combinedScore: z.number(),
  /** `val_hr@5`, `val_ndcg@10`, …; `test_*` keys only when the test split was evaluated. */
  metrics: z.record(z.string(), z.number()),
  curve: z.array(curvePointSchema),
  parameters: z.int().min(0),
  epochs: z.int().min(0),
  bestEpoch: z.int().min(0),
  seconds: secondsSchema,
  /** `cpu` or `cuda:<device name>`. */
  device: z.string().min(1),
  dataset: datasetSummarySchema,
  artifacts: artifactsSchema.optional(),
  /**
   * What the program code ran under: `bwrap` (the trainer's bubblewrap sandbox: no network, its
   * own PID namespace, read-only inputs, one writable folder) or `none` (a scrubbed environment
   * only, where no sandbox could start and the job allowed that). Absent when no code ran.
   */
  sandbox: z.enum(['bwrap', 'none']).optional(),
};

const okResultSchema = z
  .object({
    ...commonFields,
    status: z.literal('ok'),
    correct: z.boolean(),
  })
  .strict();

const failedResultSchema = z
  .object({
    ...commonFields,
    status: z.literal('failed'),
    correct: z.literal(false),
    error: evaluationErrorSchema,
  })
  .strict();

const evaluationResultSchema = z.discriminatedUnion('status', [okResultSchema, failedResultSchema]);

type EvaluationResult = z.infer<typeof evaluationResultSchema>;
type EvaluationError = z.infer<typeof evaluationErrorSchema>;
type FailureKind = z.infer<typeof failureKindSchema>;
type CurvePoint = z.infer<typeof curvePointSchema>;

export type { CurvePoint, EvaluationError, EvaluationResult, FailureKind };
export { evaluationErrorSchema, evaluationResultSchema, failureKindSchema };
