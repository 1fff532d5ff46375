import { InvalidArgumentError } from '../../errors.js';
import { codeTokens, normaliseCode } from './normaliseCode.js';
import type { ProgramFiles } from './programFiles.js';

/** Tokens per shingle: long enough that shared shingles mean shared code, not shared syntax. */
const SHINGLE_TOKENS = 4;

/**
 * How alike two programs' code is, in [0, 1]: the Jaccard index of their sets of 4-token
 * shingles of normalised code (per file, so that no shingle spans two files). Programs that
 * differ only in comments, docstrings or whitespace score 1; changing one token of a ~10 KB file
 * costs about 0.005, so near-duplicate thresholds belong around 0.99 and above.
 */
function codeSimilarity(a: ProgramFiles, b: ProgramFiles): number {
  return jaccard(shingles(a), shingles(b));
}

/**
 * The program of `others` most alike `candidate` at or above `threshold` (in [0, 1]), or
 * undefined when none is; used to drop a candidate before paying to train it.
 */
function findNearDuplicate<Program extends { readonly files: ProgramFiles }>(
  candidate: ProgramFiles,
  others: readonly Program[],
  threshold: number
): { readonly program: Program; readonly similarity: number } | undefined {
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new InvalidArgumentError(`threshold must lie in [0, 1], got ${threshold}`);
  }
  const candidateShingles = shingles(candidate);
  let nearest: { readonly program: Program; readonly similarity: number } | undefined;
  for (const program of others) {
    const similarity = jaccard(candidateShingles, shingles(program.files));
    if (similarity >= threshold && similarity > (nearest?.similarity ?? -1)) {
      nearest = { program, similarity };
    }
  }
  return nearest;
}

function shingles(files: ProgramFiles): Set<string> {
  const set = new Set<string>();
  for (const name of Object.keys(files).sort()) {
    const tokens = codeTokens(normaliseCode(files[name] ?? '', name));
    if (tokens.length < SHINGLE_TOKENS) set.add(`${name}\u0000${tokens.join('\u0000')}`);
    for (let end = SHINGLE_TOKENS; end <= tokens.length; end += 1) {
      let shingle = name;
      for (let at = end - SHINGLE_TOKENS; at < end; at += 1) shingle += `\u0000${tokens[at]}`;
      set.add(shingle);
    }
  }
  return set;
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const shingle of a) if (b.has(shingle)) shared += 1;
  return shared / (a.size + b.size - shared);
}

export { codeSimilarity, findNearDuplicate };
