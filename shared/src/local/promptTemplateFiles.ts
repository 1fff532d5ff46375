import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PromptTemplates } from '../core/proposal/index.js';
import { PROMPT_TEMPLATE_NAMES } from '../core/proposal/index.js';
import { FileMissingError } from '../errors.js';
import { repoRoot } from './paths.js';

/** Where the prompt templates live in a checkout (and, bundled, beside a Lambda's code). */
const PROMPTS_DIR = join(repoRoot, 'shared', 'prompts');

/**
 * Reads the named templates (`<dir>/<name>.md`); a missing one is an error here, not a broken
 * prompt later. Each part of the system names the templates it uses.
 */
async function readTemplateFiles<Name extends string>(
  names: readonly Name[],
  dir: string = PROMPTS_DIR
): Promise<Readonly<Record<Name, string>>> {
  const entries = await Promise.all(
    names.map(async (name) => {
      const path = join(dir, `${name}.md`);
      if (!existsSync(path)) throw new FileMissingError(path, `prompt template '${name}'`);
      return [name, await readFile(path, 'utf8')] as const;
    })
  );
  return Object.fromEntries(entries) as Record<Name, string>;
}

/** The proposal's templates (idea, edits, repair, …). */
function readPromptTemplates(dir: string = PROMPTS_DIR): Promise<PromptTemplates> {
  return readTemplateFiles(PROMPT_TEMPLATE_NAMES, dir);
}

export { PROMPTS_DIR, readPromptTemplates, readTemplateFiles };
