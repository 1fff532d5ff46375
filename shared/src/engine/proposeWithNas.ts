import type { NasAssignment, NasFinding, NasMutation, NasSearchSpace } from '../core/nas/index.js';
import { directedNasMutation, readNasAssignment, sampleNasMutation } from '../core/nas/index.js';
import type { ProgramFiles } from '../core/program/index.js';
import { applyEdits } from '../core/program/index.js';
import { createRng } from '../core/random/index.js';
import { SearchSpaceError } from '../errors.js';
import type { Proposal } from './proposeWithLlm.js';

interface NasProposalOptions {
  /**
   * Keys the generator by the candidate, so the same run proposes the same mutation however its
   * candidates are scheduled or retried.
   */
  readonly seed: string;
  readonly maxChanges: number;
}

/**
 * The `nas` strategy's proposal: a mutation drawn from the declared search space, applied as the
 * same SEARCH/REPLACE edits an LLM would write.
 */
function proposeWithNas(
  parentFiles: ProgramFiles,
  space: NasSearchSpace,
  options: NasProposalOptions
): Proposal {
  const mutation = sampleNasMutation(parentFiles, space, createRng(options.seed), {
    maxChanges: options.maxChanges,
  });
  return applyNasMutation(parentFiles, mutation);
}

/**
 * The `directional-nas` strategy's proposal: a mutation of the same search space chosen by the
 * parent's findings (directionTable.ts), away from the programs already `tried`, drawn at random
 * when none has a feasible move.
 */
function proposeWithDirectionalNas(
  parentFiles: ProgramFiles,
  space: NasSearchSpace,
  findings: readonly NasFinding[],
  options: NasProposalOptions & { readonly tried: readonly ProgramFiles[] }
): Proposal {
  const mutation = directedNasMutation(parentFiles, space, findings, createRng(options.seed), {
    maxChanges: options.maxChanges,
    taken: options.tried.flatMap((files) => assignmentOf(files, space)),
  });
  return applyNasMutation(parentFiles, mutation);
}

/** Where a program sits in the space; none for one whose code no longer reads as a point of it. */
function assignmentOf(files: ProgramFiles, space: NasSearchSpace): NasAssignment[] {
  try {
    return [readNasAssignment(files, space)];
  } catch (error) {
    if (error instanceof SearchSpaceError) return [];
    throw error;
  }
}

function applyNasMutation(parentFiles: ProgramFiles, mutation: NasMutation): Proposal {
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
  return { ok: true, files: applied.files, idea: mutation.description, exchanges: [] };
}

export { proposeWithDirectionalNas, proposeWithNas };
