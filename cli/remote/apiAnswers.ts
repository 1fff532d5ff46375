import { z } from 'zod';
import { runIdSchema, runStatusSchema } from '../../shared/src/core/runs/index.js';

/**
 * The runs API's answers as this client reads them: the fields it prints or follows, checked;
 * anything else the API adds passes through (--json prints it whole).
 */

/** POST /runs, POST …/cancel, POST …/resume. */
const runStatusAnswerSchema = z.object({ runId: runIdSchema, status: runStatusSchema }).loose();

/** GET /runs/{runId}: the record, and its progress once its state exists. */
const runAnswerSchema = z
  .object({
    run: z
      .object({
        runId: runIdSchema,
        status: runStatusSchema,
        team: z.string(),
        createdAt: z.string(),
        updatedAt: z.string(),
        config: z.object({ strategy: z.string(), dataset: z.string() }).loose(),
        generation: z.int(),
        usd: z.number(),
        stopReason: z.string().optional(),
      })
      .loose(),
    progress: z
      .object({
        generation: z.int(),
        generations: z.int(),
        programs: z.int(),
        best: z.object({ programId: runIdSchema, valNdcg10: z.number() }).optional(),
        usd: z.number(),
      })
      .loose()
      .optional(),
  })
  .loose();

/** A program's file names become paths on the caller's disk: plain relative names only. */
const programFileName = z
  .string()
  .regex(/^[\w-]+(\.[\w-]+)*(\/[\w-]+(\.[\w-]+)*)*$/, 'is not a plain relative file name');

/** GET /runs/{runId}/programs/{programId}. */
const programAnswerSchema = z
  .object({ outcome: z.object({}).loose(), files: z.record(programFileName, z.string()) })
  .loose();

/** GET /runs/{runId}/programs/{programId}/model. */
const modelAnswerSchema = z
  .object({
    files: z.array(z.object({ name: programFileName, url: z.url() }).loose()),
    expiresInSeconds: z.number(),
  })
  .loose();

type RunAnswer = z.output<typeof runAnswerSchema>;

export type { RunAnswer };
export { modelAnswerSchema, programAnswerSchema, runAnswerSchema, runStatusAnswerSchema };
