import { SearchSpaceError } from '../../errors.js';
import type { ProgramFiles, SearchReplaceEdit } from '../program/index.js';
import type { NasAssignment } from './assignment.js';
import { blockContent, brokenNasConstraints, readNasAssignment } from './assignment.js';
import { formatPythonNumber, hparamLine } from './hparamLine.js';
import type { NasSearchSpace, NasValue } from './searchSpace.js';

/** One dimension's move from a parent's value (undefined: code matching no variant) to another. */
interface NasChange {
  readonly dimension: string;
  readonly from: NasValue | undefined;
  readonly to: NasValue;
}

/**
 * The edits that take a program to a full assignment of the space (every dimension one of its
 * declared values, every constraint kept); dimensions already there get no edit.
 */
function nasEditsFor(
  files: ProgramFiles,
  space: NasSearchSpace,
  assignment: NasAssignment
): SearchReplaceEdit[] {
  for (const dimension of space.dimensions) {
    const value = assignment[dimension.name];
    if (value === undefined || !(dimension.values as readonly NasValue[]).includes(value)) {
      throw new SearchSpaceError(
        `dimension '${dimension.name}' is ${value ?? 'unset'}, not one of ${dimension.values.join(', ')}`
      );
    }
  }
  const broken = brokenNasConstraints(space, assignment);
  if (broken.length > 0) {
    throw new SearchSpaceError(`the assignment breaks ${broken.join('; ')}`);
  }
  const parent = readNasAssignment(files, space);
  const changes = space.dimensions.flatMap((dimension): NasChange[] => {
    const [from, to] = [parent[dimension.name], assignment[dimension.name]];
    return to === undefined || from === to ? [] : [{ dimension: dimension.name, from, to }];
  });
  return editsForChanges(files, space, changes);
}

/**
 * One edit per change, each against the program as given: an hparam rewrites its HPARAMS line,
 * a block is replaced whole by the chosen variant.
 */
function editsForChanges(
  files: ProgramFiles,
  space: NasSearchSpace,
  changes: readonly NasChange[]
): SearchReplaceEdit[] {
  return changes.map((change) => {
    const dimension = space.dimensions.find((candidate) => candidate.name === change.dimension);
    if (dimension?.kind === 'hparam' && typeof change.to === 'number') {
      const hparams = blockContent(files, space, space.hyperparametersBlock);
      const { line, head, tail } = hparamLine(hparams, dimension.name);
      const replace = `${head}${formatPythonNumber(change.to, dimension.type)}${tail}`;
      return { file: space.file, block: space.hyperparametersBlock, search: line, replace };
    }
    const variant =
      dimension?.kind === 'block'
        ? dimension.variants.find((candidate) => candidate.name === change.to)
        : undefined;
    if (dimension?.kind !== 'block' || variant === undefined) {
      throw new SearchSpaceError(
        `'${change.to}' is no value of a dimension '${change.dimension}' of the search space`
      );
    }
    const search = blockContent(files, space, dimension.block);
    return { file: space.file, block: dimension.block, search, replace: variant.content };
  });
}

export type { NasChange };
export { editsForChanges, nasEditsFor };
