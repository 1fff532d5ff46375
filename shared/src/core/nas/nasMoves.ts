import { SearchSpaceError } from '../../errors.js';
import type { NasAssignment } from './assignment.js';
import { brokenNasConstraints, isNasDimensionActive } from './assignment.js';
import type { NasChange } from './nasEdits.js';
import type { NasDimension, NasSearchSpace, NasValue } from './searchSpace.js';

/**
 * The values a dimension may move to from `child`: declared, other than its current one, keeping
 * every constraint, and leaving every dimension already changed (`changes`) still mattering, so
 * that no training is spent on a change without effect. None when the dimension does not matter.
 */
function feasibleNasValues(
  space: NasSearchSpace,
  dimension: NasDimension,
  child: NasAssignment,
  changes: readonly NasChange[]
): NasValue[] {
  if (!isNasDimensionActive(dimension, child)) return [];
  return (dimension.values as readonly NasValue[]).filter((value) => {
    if (value === child[dimension.name]) return false;
    const moved = { ...child, [dimension.name]: value };
    const stillActive = changes.every((change) =>
      isNasDimensionActive(findNasDimension(space, change.dimension), moved)
    );
    return stillActive && brokenNasConstraints(space, moved).length === 0;
  });
}

/** `hidden 64 → 128, loss bce → sampled_softmax`. */
function describeNasChanges(changes: readonly NasChange[]): string {
  return changes
    .map(({ dimension, from, to }) => `${dimension} ${from ?? '(custom)'} → ${to}`)
    .join(', ');
}

function findNasDimension(space: NasSearchSpace, name: string): NasDimension {
  const dimension = space.dimensions.find((candidate) => candidate.name === name);
  if (dimension === undefined) throw new SearchSpaceError(`no dimension '${name}'`);
  return dimension;
}

export { describeNasChanges, feasibleNasValues, findNasDimension };
