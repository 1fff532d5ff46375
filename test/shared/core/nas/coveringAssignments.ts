import type {
  NasAssignment,
  NasSearchSpace,
  NasValue,
} from '../../../../shared/src/core/nas/index.js';
import {
  brokenNasConstraints,
  isNasDimensionActive,
} from '../../../../shared/src/core/nas/index.js';

/**
 * Few full assignments that together give every value of every dimension at least once while
 * that dimension matters (activeWhen) and every constraint holds. Greedy: each assignment takes,
 * dimension by dimension in declared order, a value not yet covered where one fits, else the
 * first value that fits.
 */
function coveringAssignments(space: NasSearchSpace): NasAssignment[] {
  const uncovered = new Map(
    space.dimensions.map((dimension) => [dimension.name, new Set<NasValue>(dimension.values)])
  );
  const assignments: NasAssignment[] = [];
  while ([...uncovered.values()].some((values) => values.size > 0)) {
    let assignment: NasAssignment = {};
    for (const dimension of space.dimensions) {
      const fits = dimension.values.filter(
        (value) =>
          brokenNasConstraints(space, { ...assignment, [dimension.name]: value }).length === 0
      );
      const wanted = isNasDimensionActive(dimension, assignment)
        ? fits.find((value) => uncovered.get(dimension.name)?.has(value))
        : undefined;
      const value = wanted ?? fits[0];
      if (value === undefined)
        throw new Error(`no value of ${dimension.name} fits ${JSON.stringify(assignment)}`);
      assignment = { ...assignment, [dimension.name]: value };
    }
    const before = [...uncovered.values()].reduce((sum, values) => sum + values.size, 0);
    for (const dimension of space.dimensions) {
      const value = assignment[dimension.name];
      if (value !== undefined && isNasDimensionActive(dimension, assignment)) {
        uncovered.get(dimension.name)?.delete(value);
      }
    }
    const after = [...uncovered.values()].reduce((sum, values) => sum + values.size, 0);
    if (after === before)
      throw new Error('an assignment covered nothing new; the space cannot be covered');
    assignments.push(assignment);
  }
  return assignments;
}

export { coveringAssignments };
