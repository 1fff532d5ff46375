import { z } from 'zod';
import { searchReplaceEditSchema } from '../program/index.js';

/** Step 1 of a proposal: the idea and the failure modes it addresses. */
const ideaResponseSchema = z.object({
  idea: z.string().trim().min(10),
  failure_modes: z.object({
    user_facing: z.array(z.string()),
    model_facing: z.array(z.string()),
  }),
  changes: z.array(z.string()).min(1),
  edits_probes: z.boolean(),
});

/** Step 2: the edits that implement the idea. */
const editsResponseSchema = z.object({
  edits: z.array(searchReplaceEditSchema).min(1),
});

/** A repair: the cause of the failure and the edits that fix it. */
const repairResponseSchema = z.object({
  diagnosis: z.string().trim().min(1),
  edits: z.array(searchReplaceEditSchema).min(1),
});

type IdeaResponse = z.infer<typeof ideaResponseSchema>;
type EditsResponse = z.infer<typeof editsResponseSchema>;
type RepairResponse = z.infer<typeof repairResponseSchema>;

export type { EditsResponse, IdeaResponse, RepairResponse };
export { editsResponseSchema, ideaResponseSchema, repairResponseSchema };
