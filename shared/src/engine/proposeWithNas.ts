import type { NasSearchSpace } from '../core/nas/index.js';
import { sampleNasMutation } from '../core/nas/index.js';
import type { ProgramFiles } from '../core/program/index.js';
import { applyEdits } from '../core/program/index.js';
import { createRng } from '../core/random/index.js';
import type { Proposal } from './proposeWithLlm.js';

/**
 * The `nas` strategy's proposal: a mutation drawn from the declared search space, applied as the
 * same SEARCH/REPLACE edits an LLM would write. Its generator is keyed by the candidate, so the
 * same run proposes the same mutation however its candidates are scheduled or retried.
 */
function proposeWithNas(
  parentFiles: ProgramFiles,
  space: NasSearchSpace,
  options: { readonly seed: string; readonly maxChanges: number }
): Proposal {
  const mutation = sampleNasMutation(parentFiles, space, createRng(options.seed), {
    maxChanges: options.maxChanges,
  });
  const applied = applyEdits(parentFiles, mutation.edits);
  if (!applied.ok) {
    const reason = applied.failures.map((failure) => failure.message).join(' | ');
    return {
      ok: false,
      kind: 'edits_not_applied',
      reason: `nas edits did not apply: ${reason}`,
      idea: mutation.description,
      exchanges: [],
    };
  }
  return {
    ok: true,
    files: applied.files,
    idea: mutation.description,
    exchanges: [],
  };
}

export { proposeWithNas };
