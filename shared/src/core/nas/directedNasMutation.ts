import { InvalidArgumentError } from '../../errors.js';
import type { ProgramFiles } from '../program/index.js';
import type { Rng } from '../random/index.js';
import type { NasAssignment } from './assignment.js';
import { readNasAssignment } from './assignment.js';
import type { NasFinding, NasToward } from './directionTable.js';
import type { NasChange } from './nasEdits.js';
import { editsForChanges } from './nasEdits.js';
import { describeNasChanges, feasibleNasValues } from './nasMoves.js';
import type { NasMutation, NasMutationOptions } from './sampleNasMutation.js';
import { sampleNasMutation } from './sampleNasMutation.js';
import type { NasSearchSpace, NasValue } from './searchSpace.js';

/** A directional-nas mutation: whether the parent's findings chose it, and which did. */
interface DirectedNasMutation extends NasMutation {
  /** False when no finding had a feasible move and the mutation was drawn at random. */
  readonly directed: boolean;
  /** The findings whose moves were made, in order. */
  readonly followed: readonly string[];
}

/**
 * directional-nas's mutation of a parent: 1 to maxChanges moves drawn from the moves its findings
 * call for (directionTable.ts), in random order, each to a declared value on the called-for side
 * of the current one (drawn uniformly among the feasible ones, so that siblings differ); a
 * dimension moves once. When no finding has a feasible move (no findings, or every move is at
 * the end of its range or breaks a constraint), the mutation is drawn at random as `nas` draws
 * it, and says so. Deterministic for a given generator state.
 */
function directedNasMutation(
  parentFiles: ProgramFiles,
  space: NasSearchSpace,
  findings: readonly NasFinding[],
  rng: Pick<Rng, 'int' | 'pick' | 'shuffle'>,
  options: NasMutationOptions = {}
): DirectedNasMutation {
  const maxChanges = options.maxChanges ?? 2;
  if (!Number.isInteger(maxChanges) || maxChanges < 1) {
    throw new InvalidArgumentError(`maxChanges must be a positive integer, got ${maxChanges}`);
  }
  const parent = readNasAssignment(parentFiles, space);
  const wanted = 1 + rng.int(maxChanges);
  const moves = rng.shuffle(
    findings.flatMap((finding) => finding.moves.map((move) => ({ finding, move })))
  );
  let child: NasAssignment = parent;
  const changes: NasChange[] = [];
  const followed: string[] = [];
  for (const { finding, move } of moves) {
    if (changes.length === wanted) break;
    if (changes.some((change) => change.dimension === move.dimension)) continue;
    const dimension = space.dimensions.find((candidate) => candidate.name === move.dimension);
    if (dimension === undefined) continue;
    const current = child[dimension.name];
    const values = feasibleNasValues(space, dimension, child, changes).filter((value) =>
      liesToward(value, current, move.toward)
    );
    if (values.length === 0) continue;
    const value = rng.pick(values);
    changes.push({ dimension: dimension.name, from: parent[dimension.name], to: value });
    followed.push(finding.finding);
    child = { ...child, [dimension.name]: value };
  }
  if (changes.length === 0) {
    const random = sampleNasMutation(parentFiles, space, rng, { maxChanges });
    const why = findings.length === 0 ? 'no findings' : 'no feasible move for the findings';
    return {
      ...random,
      description: `${random.description} (random: ${why})`,
      directed: false,
      followed: [],
    };
  }
  return {
    description: changes
      .map((change, index) => `${describeNasChanges([change])} [${followed[index]}]`)
      .join(', '),
    changes,
    assignment: child,
    edits: editsForChanges(parentFiles, space, changes),
    directed: true,
    followed,
  };
}

/** Whether `value` lies on the called-for side of `current` (a number, or a named variant). */
function liesToward(value: NasValue, current: NasValue | undefined, toward: NasToward): boolean {
  if (typeof toward !== 'string') return typeof value === 'string' && toward.includes(value);
  if (typeof value !== 'number' || typeof current !== 'number') return false;
  return toward === 'up' ? value > current : value < current;
}

export type { DirectedNasMutation };
export { directedNasMutation };
