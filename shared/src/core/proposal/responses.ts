import { z } from 'zod';
import { searchReplaceEditSchema } from '../program/index.js';

/**
 * Bounds on what a proposer writes, sent with the schema: a model held to a grammar (an embedded
 * one) must close its strings and lists somewhere, and a paragraph is enough for an idea.
 */
const IDEA_CHARS = 1_500;
const ITEM_CHARS = 300;
const MAX_ITEMS = 12;

const itemsSchema = z.array(z.string().max(ITEM_CHARS)).max(MAX_ITEMS);

/** Step 1 of a proposal: the idea and the failure modes it addresses. */
const ideaResponseSchema = z.object({
  idea: z.string().trim().min(10).max(IDEA_CHARS),
  failure_modes: z.object({
    user_facing: itemsSchema,
    model_facing: itemsSchema,
  }),
  changes: itemsSchema.min(1),
  edits_probes: z.boolean(),
});

/** Step 2: the edits that implement the idea. */
const editsResponseSchema = z.object({
  edits: z.array(searchReplaceEditSchema).min(1),
});

/** A repair: the cause of the failure and the edits that fix it. */
const repairResponseSchema = z.object({
  diagnosis: z.string().trim().min(1).max(IDEA_CHARS),
  edits: z.array(searchReplaceEditSchema).min(1),
});

type IdeaResponse = z.infer<typeof ideaResponseSchema>;
type EditsResponse = z.infer<typeof editsResponseSchema>;
type RepairResponse = z.infer<typeof repairResponseSchema>;

export type { EditsResponse, IdeaResponse, RepairResponse };
export { editsResponseSchema, ideaResponseSchema, repairResponseSchema };
