import { SearchSpaceError } from '../../errors.js';
import type { ProgramFiles } from '../program/index.js';
import { normaliseCode, parseEvolveBlocks } from '../program/index.js';
import { hparamLine, parsePythonNumber } from './hparamLine.js';
import type { NasDimension, NasSearchSpace, NasValue } from './searchSpace.js';

/**
 * A program's place in a search space: dimension name to value. Read from a program, an hparam
 * may hold a value the space does not list (an LLM's choice), and a block whose code matches none
 * of its variants has no value at all.
 */
type NasAssignment = Readonly<Record<string, NasValue>>;

/** Reads every dimension's current value from a program's code. */
function readNasAssignment(files: ProgramFiles, space: NasSearchSpace): NasAssignment {
  const assignment: Record<string, NasValue> = {};
  for (const dimension of space.dimensions) {
    if (dimension.kind === 'hparam') {
      const hparams = blockContent(files, space, space.hyperparametersBlock);
      const { literal } = hparamLine(hparams, dimension.name);
      assignment[dimension.name] = parsePythonNumber(literal, dimension.name);
    } else {
      const current = normaliseCode(blockContent(files, space, dimension.block), space.file);
      const variant = dimension.variants.find(
        (candidate) => normaliseCode(candidate.content, space.file) === current
      );
      if (variant !== undefined) assignment[dimension.name] = variant.name;
    }
  }
  return assignment;
}

/** The content of one evolve block of the space's file. */
function blockContent(files: ProgramFiles, space: NasSearchSpace, block: string): string {
  const text = Object.hasOwn(files, space.file) ? files[space.file] : undefined;
  if (text === undefined) throw new SearchSpaceError(`the program has no ${space.file}`);
  const found = parseEvolveBlocks(space.file, text).find((candidate) => candidate.name === block);
  if (found === undefined) {
    throw new SearchSpaceError(`${space.file} has no evolve block '${block}'`);
  }
  return found.content;
}

/** Whether a dimension matters under an assignment; an unknown value counts as mattering. */
function isNasDimensionActive(dimension: NasDimension, assignment: NasAssignment): boolean {
  return Object.entries(dimension.activeWhen).every(([name, values]) => {
    const value = assignment[name];
    return value === undefined || values.includes(value);
  });
}

/**
 * The constraints an assignment breaks, described (`hidden 50 % heads 4 != 0`); a constraint on a
 * dimension the assignment leaves unset is not broken yet.
 */
function brokenNasConstraints(space: NasSearchSpace, assignment: NasAssignment): string[] {
  return space.constraints.flatMap(({ dividend, divisor }) => {
    const [a, b] = [assignment[dividend], assignment[divisor]];
    if (a === undefined || b === undefined) return [];
    const holds = typeof a === 'number' && typeof b === 'number' && b !== 0 && a % b === 0;
    return holds ? [] : [`${dividend} ${a} % ${divisor} ${b} != 0`];
  });
}

export type { NasAssignment };
export { blockContent, brokenNasConstraints, isNasDimensionActive, readNasAssignment };
