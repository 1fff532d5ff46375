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

/** Draws a directed mutation makes before it settles for one already tried (or random). */
const DRAWS = 16;

interface DirectedNasMutationOptions extends NasMutationOptions {
  /**
   * Where programs already tried sit in the space (the archive's): a child landing on one is
   * drawn again, since the parent's findings, and so its moves, are the same each time.
   */
  readonly taken?: readonly NasAssignment[];
}

/**
 * directional-nas's mutation of a parent: 1 to maxChanges moves drawn from the moves its findings
 * call for (directionTable.ts), in random order, each to a declared value on the called-for side
 * of the current one (drawn uniformly among the feasible ones, so that siblings differ); a
 * dimension moves once. A child that lands where a program was already tried (`taken`) is drawn
 * again, up to 16 times. When no finding has a feasible move (no findings, or every move is at
 * the end of its range or breaks a constraint), or every directed child was tried already, the
 * mutation is drawn at random as `nas` draws it, and says why. Deterministic for a given
 * generator state.
 */
function directedNasMutation(
  parentFiles: ProgramFiles,
  space: NasSearchSpace,
  findings: readonly NasFinding[],
  rng: Pick<Rng, 'int' | 'pick' | 'shuffle'>,
  options: DirectedNasMutationOptions = {}
): DirectedNasMutation {
  const maxChanges = options.maxChanges ?? 2;
  if (!Number.isInteger(maxChanges) || maxChanges < 1) {
    throw new InvalidArgumentError(`maxChanges must be a positive integer, got ${maxChanges}`);
  }
  const taken = new Set((options.taken ?? []).map(assignmentKey));
  const fresh = (mutation: NasMutation) => !taken.has(assignmentKey(mutation.assignment));
  const parent = readNasAssignment(parentFiles, space);
  let directed: DirectedNasMutation | undefined;
  for (let draw = 0; draw < DRAWS; draw += 1) {
    directed = directedDraw(parentFiles, parent, space, findings, rng, maxChanges);
    if (directed === undefined || fresh(directed)) break;
  }
  if (directed !== undefined && fresh(directed)) return directed;
  const why =
    directed !== undefined
      ? 'every move the findings call for leads to a program already tried'
      : findings.length === 0
        ? 'no findings'
        : 'no feasible move for the findings';
  let random = sampleNasMutation(parentFiles, space, rng, { maxChanges });
  for (let draw = 1; draw < DRAWS && !fresh(random); draw += 1) {
    random = sampleNasMutation(parentFiles, space, rng, { maxChanges });
  }
  return {
    ...random,
    description: `${random.description} (random: ${why})`,
    directed: false,
    followed: [],
  };
}

/** One directed draw, or undefined when no finding has a feasible move. */
function directedDraw(
  parentFiles: ProgramFiles,
  parent: NasAssignment,
  space: NasSearchSpace,
  findings: readonly NasFinding[],
  rng: Pick<Rng, 'int' | 'pick' | 'shuffle'>,
  maxChanges: number
): DirectedNasMutation | undefined {
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
  if (changes.length === 0) return undefined;
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

/** An assignment as one comparable string, its dimensions in name order. */
function assignmentKey(assignment: NasAssignment): string {
  return JSON.stringify(
    Object.keys(assignment)
      .sort()
      .map((name) => [name, assignment[name]])
  );
}

/** Whether `value` lies on the called-for side of `current` (a number, or a named variant). */
function liesToward(value: NasValue, current: NasValue | undefined, toward: NasToward): boolean {
  if (typeof toward !== 'string') return typeof value === 'string' && toward.includes(value);
  if (typeof value !== 'number' || typeof current !== 'number') return false;
  return toward === 'up' ? value > current : value < current;
}

export type { DirectedNasMutation, DirectedNasMutationOptions };
export { directedNasMutation };
