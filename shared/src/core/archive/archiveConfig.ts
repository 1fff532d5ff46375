import { z } from 'zod';

/** Sampling ratios are compared with this slack, so 0.7 + 0.2 + 0.1 counts as 1. */
const RATIO_SUM_TOLERANCE = 1e-9;

/**
 * One axis of an island's MAP-Elites grid. Any numeric key of an entry's `features` may be one.
 * Without `range` the axis spans the smallest and largest value observed so far (adaptive);
 * with it, values outside are clamped into the first or last bin.
 */
const featureDimensionSchema = z
  .object({
    name: z.string().min(1),
    bins: z.int().min(1).max(100).default(10),
    range: z
      .tuple([z.number(), z.number()])
      .refine(([min, max]) => min < max, 'range must be [min, max] with min < max')
      .optional(),
  })
  .strict();

const defaultDimensions = (): z.output<typeof featureDimensionSchema>[] => [
  { name: 'val_ndcg@10', bins: 10 },
  { name: 'satisfaction', bins: 10 },
  { name: 'complexity', bins: 10 },
];

const dimensionsSchema = z
  .array(featureDimensionSchema)
  .min(1)
  .superRefine((dimensions, context) => {
    const names = dimensions.map((dimension) => dimension.name);
    const repeated = names.filter((name, index) => names.indexOf(name) !== index);
    if (repeated.length > 0) {
      context.addIssue({
        code: 'custom',
        message: `dimension names must be unique, repeated: ${[...new Set(repeated)].join(', ')}`,
      });
    }
  })
  .default(defaultDimensions);

/** How a parent is drawn: from a random grid cell, from the elites, or from the whole island. */
const samplingRatiosSchema = z
  .object({
    explore: z.number().min(0).max(1).default(0.2),
    exploit: z.number().min(0).max(1).default(0.7),
    random: z.number().min(0).max(1).default(0.1),
  })
  .strict()
  .superRefine((ratios, context) => {
    const sum = ratios.explore + ratios.exploit + ratios.random;
    if (Math.abs(sum - 1) > RATIO_SUM_TOLERANCE) {
      context.addIssue({
        code: 'custom',
        message: `explore + exploit + random must sum to 1, got ${sum}`,
      });
    }
  });

const migrationSchema = z
  .object({
    /** Generations between two migrations. */
    interval: z.int().min(1).default(10),
    /** How many of each island's best programs travel to the next island. */
    migrants: z.int().min(0).default(1),
  })
  .strict();

/** How many inspirations of each kind a proposal gets; `random` also fills any shortfall. */
const inspirationCountsSchema = z
  .object({
    best: z.boolean().default(true),
    top: z.int().min(0).default(2),
    neighbours: z.int().min(0).default(2),
    random: z.int().min(0).default(1),
  })
  .strict();

const archiveConfigSchema = z
  .object({
    islands: z.int().min(1).max(64).default(3),
    dimensions: dimensionsSchema,
    /** Programs one island keeps; past it the weakest unprotected member is evicted. */
    populationSize: z.int().min(1).default(50),
    /** Length of the global list of the best programs ever inserted. */
    eliteSize: z.int().min(1).default(20),
    migration: migrationSchema.prefault({}),
    sampling: samplingRatiosSchema.prefault({}),
    inspirations: inspirationCountsSchema.prefault({}),
  })
  .strict();

type ArchiveConfig = z.output<typeof archiveConfigSchema>;
type ArchiveConfigInput = z.input<typeof archiveConfigSchema>;
type FeatureDimension = z.output<typeof featureDimensionSchema>;

export type { ArchiveConfig, ArchiveConfigInput, FeatureDimension };
export { archiveConfigSchema };
