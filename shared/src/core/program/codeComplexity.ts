import { parseEvolveBlocks } from './evolveBlocks.js';
import { codeTokens, normaliseCode } from './normaliseCode.js';
import type { ProgramFiles } from './programFiles.js';

/**
 * A program's complexity, a feature of the archive's MAP-Elites grid: the number of code tokens
 * (identifiers, number literals, punctuation characters) inside the evolve blocks of all its
 * files, after normaliseCode. Counting tokens of normalised code rather than lines makes it blind
 * to comments, docstrings and line wrapping; the fixed code outside the blocks is left out since
 * evolution cannot change it.
 */
function codeComplexity(files: ProgramFiles): number {
  let tokens = 0;
  for (const [name, text] of Object.entries(files)) {
    for (const block of parseEvolveBlocks(name, text)) {
      tokens += codeTokens(normaliseCode(block.content, name)).length;
    }
  }
  return tokens;
}

export { codeComplexity };
