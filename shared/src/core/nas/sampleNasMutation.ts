import { InvalidArgumentError, SearchSpaceError } from '../../errors.js';
import type { ProgramFiles, SearchReplaceEdit } from '../program/index.js';
import type { Rng } from '../random/index.js';
import type { NasAssignment } from './assignment.js';
import { brokenNasConstraints, readNasAssignment } from './assignment.js';
import type { NasChange } from './nasEdits.js';
import { editsForChanges } from './nasEdits.js';
import { describeNasChanges, feasibleNasValues } from './nasMoves.js';
import type { NasSearchSpace } from './searchSpace.js';

interface NasMutationOptions {
  /** Dimensions changed at most (at least one); the count is drawn uniformly. Default 2. */
  readonly maxChanges?: number;
}

/** A child of a parent in the search space: what changed, where it lands and the edits to get there. */
interface NasMutation {
  /** `hidden 64 → 128, loss bce → sampled_softmax`. */
  readonly description: string;
  readonly changes: readonly NasChange[];
  readonly assignment: NasAssignment;
  readonly edits: readonly SearchReplaceEdit[];
}

const DEFAULT_MAX_CHANGES = 2;

/**
 * Draws a mutation of a parent: 1 to maxChanges dimensions, in random order, each moved to another
 * declared value drawn uniformly among those that keep every constraint. A dimension that does
 * not matter (activeWhen) is never moved, nor moved into irrelevance by a later change, so no
 * training is spent on a change without effect. Deterministic for a given generator state.
 */
function sampleNasMutation(
  parentFiles: ProgramFiles,
  space: NasSearchSpace,
  rng: Pick<Rng, 'int' | 'pick' | 'shuffle'>,
  options: NasMutationOptions = {}
): NasMutation {
  const maxChanges = options.maxChanges ?? DEFAULT_MAX_CHANGES;
  if (!Number.isInteger(maxChanges) || maxChanges < 1) {
    throw new InvalidArgumentError(`maxChanges must be a positive integer, got ${maxChanges}`);
  }
  const parent = readNasAssignment(parentFiles, space);
  const wanted = 1 + rng.int(maxChanges);
  let child: NasAssignment = parent;
  const changes: NasChange[] = [];
  for (const dimension of rng.shuffle(space.dimensions)) {
    if (changes.length === wanted) break;
    const candidates = feasibleNasValues(space, dimension, child, changes);
    if (candidates.length === 0) continue;
    const value = rng.pick(candidates);
    changes.push({ dimension: dimension.name, from: parent[dimension.name], to: value });
    child = { ...child, [dimension.name]: value };
  }
  if (changes.length === 0) {
    throw new SearchSpaceError(
      `no dimension can move from this parent without breaking ${brokenNasConstraints(space, parent).join('; ') || 'a constraint'}`
    );
  }
  return {
    description: describeNasChanges(changes),
    changes,
    assignment: child,
    edits: editsForChanges(parentFiles, space, changes),
  };
}

export type { NasMutation, NasMutationOptions };
export { sampleNasMutation };
