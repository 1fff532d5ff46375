import { z } from 'zod';

/**
 * The nas strategy's search space as declared next to a seed (`search-space.json`). An `hparam`
 * dimension is a line `"<name>": <value>,` of HPARAMS in the hyperparameters block; a `block`
 * dimension swaps a whole evolve block for one of its variants, each a file (path relative to
 * the declaration) that holds an evolve block of the same name. A dimension with `activeWhen`
 * matters only while those dimensions take one of the listed values (negatives mean nothing to a
 * full softmax), so a mutation leaves it alone otherwise.
 */

const nameSchema = z.string().regex(/^[A-Za-z_]\w*$/, 'must be an identifier');
const valueSchema = z.union([z.number(), z.string()]);
const activeWhenSchema = z.record(nameSchema, z.array(valueSchema).min(1));

const hparamDimensionSchema = z
  .object({
    kind: z.literal('hparam'),
    type: z.enum(['int', 'float']),
    values: z.array(z.number()).min(2),
    activeWhen: activeWhenSchema.optional(),
  })
  .strict()
  .refine((dimension) => new Set(dimension.values).size === dimension.values.length, {
    message: 'values must be distinct',
    path: ['values'],
  })
  .refine((dimension) => dimension.type === 'float' || dimension.values.every(Number.isInteger), {
    message: 'values of an int dimension must be integers',
    path: ['values'],
  });

const blockDimensionSchema = z
  .object({
    kind: z.literal('block'),
    block: z.string().min(1),
    /** Variant name to the path of the file that holds it. */
    variants: z
      .record(nameSchema, z.string().min(1))
      .refine((variants) => Object.keys(variants).length >= 2, 'needs at least two variants'),
    activeWhen: activeWhenSchema.optional(),
  })
  .strict();

/** `dividend % divisor === 0`, e.g. the hidden size splits evenly over the attention heads. */
const divisibleConstraintSchema = z
  .object({ kind: z.literal('divisible'), dividend: nameSchema, divisor: nameSchema })
  .strict();

const nasSearchSpaceDeclarationSchema = z
  .object({
    $comment: z.string().optional(),
    schemaVersion: z.literal(1),
    /** The program file the dimensions edit. */
    file: z.string().min(1),
    /** The block that holds HPARAMS. */
    hyperparametersBlock: z.string().min(1),
    dimensions: z.record(
      nameSchema,
      z.discriminatedUnion('kind', [hparamDimensionSchema, blockDimensionSchema])
    ),
    constraints: z.array(divisibleConstraintSchema).default([]),
  })
  .strict();

type NasSearchSpaceDeclaration = z.infer<typeof nasSearchSpaceDeclarationSchema>;

/** Every variant file a declaration names, for the loader to read beside it. */
function nasVariantFiles(declaration: NasSearchSpaceDeclaration): string[] {
  return Object.values(declaration.dimensions).flatMap((dimension) =>
    dimension.kind === 'block' ? Object.values(dimension.variants) : []
  );
}

export type { NasSearchSpaceDeclaration };
export { nasSearchSpaceDeclarationSchema, nasVariantFiles };
