import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PromptTemplates } from '../core/proposal/index.js';
import { PROMPT_TEMPLATE_NAMES } from '../core/proposal/index.js';
import { FileMissingError } from '../errors.js';
import { repoRoot } from './paths.js';

/** Where the prompt templates live in a checkout (and, bundled, beside a Lambda's code). */
const PROMPTS_DIR = join(repoRoot, 'shared', 'prompts');

/** Reads every prompt template; a missing one is an error here, not a broken prompt later. */
async function readPromptTemplates(dir: string = PROMPTS_DIR): Promise<PromptTemplates> {
  const entries = await Promise.all(
    PROMPT_TEMPLATE_NAMES.map(async (name) => {
      const path = join(dir, `${name}.md`);
      if (!existsSync(path)) throw new FileMissingError(path, `prompt template '${name}'`);
      return [name, await readFile(path, 'utf8')] as const;
    })
  );
  return Object.fromEntries(entries) as Record<(typeof PROMPT_TEMPLATE_NAMES)[number], string>;
}

export { PROMPTS_DIR, readPromptTemplates };
