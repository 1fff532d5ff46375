import { z } from 'zod';

/**
 * One SEARCH/REPLACE edit, as an LLM writes it: `search` quotes lines of the named evolve block
 * and `replace` is what they become. The search text must lie inside that block.
 */
const searchReplaceEditSchema = z
  .object({
    file: z.string().min(1),
    block: z.string().min(1),
    search: z.string(),
    replace: z.string(),
  })
  .strict();

type SearchReplaceEdit = z.infer<typeof searchReplaceEditSchema>;

export type { SearchReplaceEdit };
export { searchReplaceEditSchema };
