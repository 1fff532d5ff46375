import { z } from 'zod';

/** A URL the job may GET or PUT: presigned by the step that submits it. */
const objectUrlSchema = z.url({ protocol: /^https?$/ });

/** A file inside a program folder: relative, no `..`, no empty segments. */
const programPathSchema = z
  .string()
  .regex(/^(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'a relative path');

/** What a job's trainer stores; metrics.json always, the rest when the job got that far. */
const JOB_OUTPUT_FILES = [
  'metrics.json',
  'train.log',
  'model.onnx',
  'model.json',
  'checkpoint.pt',
] as const;
const VIEW_FILES = ['dataset.json', 'splits.tsv', 'items.tsv'] as const;

const urlsOf = <const Names extends readonly string[]>(names: Names) =>
  z
    .object(
      Object.fromEntries(names.map((name) => [name, objectUrlSchema])) as {
        [Name in Names[number]]: typeof objectUrlSchema;
      }
    )
    .strict();

/**
 * `job.json`: one training job as the step that submits it describes it, read by the trainer
 * (`python -m evolverec_trainer run --job <url>`). Every object the job may touch is named here
 * by a presigned URL, so the job needs no credentials and can reach nothing else; the budget is
 * stated whole, so no default hides on either side. `shared/schemas/training-job.schema.json`
 * is generated from this schema for the trainer's tests.
 */
const trainingJobSpecSchema = z
  .object({
    format: z.literal(1),
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/),
    program: z.record(programPathSchema, objectUrlSchema),
    data: urlsOf(VIEW_FILES),
    outputs: urlsOf(JOB_OUTPUT_FILES),
    budget: z
      .object({
        maxEpochs: z.int().min(1),
        patience: z.int().min(1),
        evalEvery: z.int().min(1),
        timeLimitSeconds: z.int().min(1),
        memoryLimitMb: z.int().min(1),
      })
      .strict(),
    seed: z.int(),
  })
  .strict();

type TrainingJobSpec = z.infer<typeof trainingJobSpecSchema>;

export type { TrainingJobSpec };
export { JOB_OUTPUT_FILES, trainingJobSpecSchema, VIEW_FILES };
