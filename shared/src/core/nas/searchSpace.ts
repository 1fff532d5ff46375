import { SearchSpaceError } from '../../errors.js';
import { parseEvolveBlocks } from '../program/index.js';
import type { NasSearchSpaceDeclaration } from './searchSpaceDeclaration.js';

/** A value of a dimension: a number for an hparam, a variant's name for a block. */
type NasValue = number | string;

/** Which values of other dimensions a dimension matters under; empty when it always does. */
type NasActiveWhen = Readonly<Record<string, readonly NasValue[]>>;

interface NasHparamDimension {
  readonly kind: 'hparam';
  /** Also the HPARAMS key it sets. */
  readonly name: string;
  readonly type: 'int' | 'float';
  readonly values: readonly number[];
  readonly activeWhen: NasActiveWhen;
}

interface NasBlockVariant {
  readonly name: string;
  /** The whole content of the block in this variant. */
  readonly content: string;
}

interface NasBlockDimension {
  readonly kind: 'block';
  readonly name: string;
  readonly block: string;
  readonly variants: readonly NasBlockVariant[];
  /** The variants' names. */
  readonly values: readonly string[];
  readonly activeWhen: NasActiveWhen;
}

type NasDimension = NasHparamDimension | NasBlockDimension;

interface NasDivisibleConstraint {
  readonly kind: 'divisible';
  readonly dividend: string;
  readonly divisor: string;
}

/** A declaration with its variants' code loaded and its cross-references checked. */
interface NasSearchSpace {
  readonly file: string;
  readonly hyperparametersBlock: string;
  readonly dimensions: readonly NasDimension[];
  readonly constraints: readonly NasDivisibleConstraint[];
}

/**
 * Resolves a declaration against the text of its variant files (declared path to text) and
 * checks what the schema cannot: every variant file holds its block, every activeWhen and
 * constraint names a dimension (and values) that exists.
 */
function resolveNasSearchSpace(
  declaration: NasSearchSpaceDeclaration,
  variantSources: Readonly<Record<string, string>>
): NasSearchSpace {
  const dimensions = Object.entries(declaration.dimensions).map(
    ([name, dimension]): NasDimension => {
      const activeWhen = dimension.activeWhen ?? {};
      if (dimension.kind === 'hparam') return { ...dimension, name, activeWhen };
      const variants = Object.entries(dimension.variants).map(([variant, path]) => ({
        name: variant,
        content: variantContent(path, dimension.block, variantSources),
      }));
      const values = variants.map((variant) => variant.name);
      return { kind: 'block', name, block: dimension.block, variants, values, activeWhen };
    }
  );
  for (const dimension of dimensions) checkActiveWhen(dimensions, dimension);
  for (const constraint of declaration.constraints) checkConstraint(dimensions, constraint);
  return {
    file: declaration.file,
    hyperparametersBlock: declaration.hyperparametersBlock,
    dimensions,
    constraints: declaration.constraints,
  };
}

function variantContent(
  path: string,
  block: string,
  variantSources: Readonly<Record<string, string>>
): string {
  const text = Object.hasOwn(variantSources, path) ? variantSources[path] : undefined;
  if (text === undefined) throw new SearchSpaceError(`variant file ${path} was not given`);
  const found = parseEvolveBlocks(path, text).find((candidate) => candidate.name === block);
  if (found === undefined || found.content.trim() === '') {
    throw new SearchSpaceError(`variant file ${path} has no evolve block '${block}' with code`);
  }
  return found.content;
}

function checkActiveWhen(dimensions: readonly NasDimension[], dimension: NasDimension): void {
  for (const [name, values] of Object.entries(dimension.activeWhen)) {
    const other = dimensions.find((candidate) => candidate.name === name);
    if (other === undefined || other === dimension) {
      throw new SearchSpaceError(
        `dimension '${dimension.name}' is active depending on '${name}', which is no other dimension`
      );
    }
    const unknown = values.filter(
      (value) => !(other.values as readonly NasValue[]).includes(value)
    );
    if (unknown.length > 0) {
      throw new SearchSpaceError(
        `dimension '${dimension.name}' is active when '${name}' is ${unknown.join(', ')}, which it never is`
      );
    }
  }
}

function checkConstraint(
  dimensions: readonly NasDimension[],
  constraint: NasDivisibleConstraint
): void {
  for (const name of [constraint.dividend, constraint.divisor]) {
    const dimension = dimensions.find((candidate) => candidate.name === name);
    if (dimension?.kind !== 'hparam' || dimension.type !== 'int') {
      throw new SearchSpaceError(
        `constraint ${constraint.dividend} % ${constraint.divisor} == 0 needs '${name}' to be an int dimension`
      );
    }
  }
}

export type {
  NasActiveWhen,
  NasBlockDimension,
  NasBlockVariant,
  NasDimension,
  NasDivisibleConstraint,
  NasHparamDimension,
  NasSearchSpace,
  NasValue,
};
export { resolveNasSearchSpace };
