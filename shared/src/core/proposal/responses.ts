import { z } from 'zod';
import type { ProgramFiles } from '../program/index.js';
import { parseEvolveBlocks, searchReplaceEditSchema } from '../program/index.js';

/**
 * Bounds on what a proposer writes, sent with the schema: a model held to a grammar (an embedded
 * one) must close its strings and lists somewhere, and a paragraph is enough for an idea.
 */
const IDEA_CHARS = 1_200;
const ITEM_CHARS = 240;
const MAX_ITEMS = 8;

const itemsSchema = z.array(z.string().max(ITEM_CHARS)).max(MAX_ITEMS);

/** A proposal changes a few places; more edits than this are a model repeating itself. */
const MAX_EDITS = 8;

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
  edits: z.array(searchReplaceEditSchema).min(1).max(MAX_EDITS),
});

/** A repair: the cause of the failure and the edits that fix it. */
const repairResponseSchema = z.object({
  diagnosis: z.string().trim().min(1).max(IDEA_CHARS),
  edits: z.array(searchReplaceEditSchema).min(1).max(MAX_EDITS),
});

/**
 * Edits whose `file` and `block` must name one of the parent's editable files and evolve blocks:
 * sent with the request, the choice is the model's to make among those that exist, never a
 * name it invents or copies from the template.
 */
function editSchemaFor(files: readonly string[], blocks: readonly string[]) {
  const [file, ...otherFiles] = files;
  const [block, ...otherBlocks] = blocks;
  if (file === undefined || block === undefined) return searchReplaceEditSchema;
  return searchReplaceEditSchema.extend({
    file: z.enum([file, ...otherFiles]),
    block: z.enum([block, ...otherBlocks]),
  });
}

/** The editable files of a program that exist, and the names of their evolve blocks. */
function editChoices(
  files: ProgramFiles,
  editableFiles: readonly string[]
): { readonly files: string[]; readonly blocks: string[] } {
  const present = editableFiles.filter((name) => files[name] !== undefined);
  const blocks = present.flatMap((name) =>
    parseEvolveBlocks(name, files[name] ?? '').map((block) => block.name)
  );
  return { files: present, blocks: [...new Set(blocks)] };
}

function editsResponseSchemaFor(files: ProgramFiles, editableFiles: readonly string[]) {
  const choices = editChoices(files, editableFiles);
  return z.object({
    edits: z.array(editSchemaFor(choices.files, choices.blocks)).min(1).max(MAX_EDITS),
  });
}

function repairResponseSchemaFor(files: ProgramFiles, editableFiles: readonly string[]) {
  const choices = editChoices(files, editableFiles);
  return repairResponseSchema.extend({
    edits: z.array(editSchemaFor(choices.files, choices.blocks)).min(1).max(MAX_EDITS),
  });
}

type IdeaResponse = z.infer<typeof ideaResponseSchema>;
type EditsResponse = z.infer<typeof editsResponseSchema>;
type RepairResponse = z.infer<typeof repairResponseSchema>;

export type { EditsResponse, IdeaResponse, RepairResponse };
export {
  editsResponseSchema,
  editsResponseSchemaFor,
  ideaResponseSchema,
  repairResponseSchema,
  repairResponseSchemaFor,
};
