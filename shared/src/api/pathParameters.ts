import { z } from 'zod';
import { runIdSchema } from '../core/runs/index.js';

/** `/runs/{runId}…`: the run id, checked before it becomes a key. */
const runPathSchema = z.object({ runId: runIdSchema });

/** Program ids (`g000-seed`, `g003-c01`) become keys too, under the same rule as run ids. */
const programPathSchema = z.object({ runId: runIdSchema, programId: runIdSchema });

export { programPathSchema, runPathSchema };
