import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseJsonContract } from '../shared/src/core/contracts/index.js';
import { strategyNameSchema } from '../shared/src/core/evolution/index.js';
import { runIdSchema } from '../shared/src/core/runs/index.js';

/** The flags of `evolverec compare` and `npm run bench:compare`, which run the same thing. */
const compareFlagSpec = {
  strategies: { type: 'string', default: 'nas,directional-nas' },
  dataset: { type: 'string', default: 'ml-100k' },
  seeds: { type: 'string', default: '3' },
  candidates: { type: 'string', default: '8' },
  'per-generation': { type: 'string', default: '4' },
  'max-epochs': { type: 'string', default: '20' },
  config: { type: 'string' },
  id: { type: 'string' },
  'data-dir': { type: 'string' },
  'parallel-jobs': { type: 'string' },
  'allow-unsandboxed': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
} as const;

const count = z
  .string()
  .regex(/^[1-9]\d*$/, 'must be a positive integer')
  .transform(Number);

const compareFlagsSchema = z
  .object({
    /** Comma-separated strategy names. */
    strategies: z
      .string()
      .transform((text) => [...new Set(text.split(',').map((name) => name.trim()))])
      .pipe(z.array(strategyNameSchema).min(1)),
    dataset: z.string().regex(/^[\w][\w.-]*$/, 'must be a dataset name like ml-1m'),
    /** Seeds 0..n−1, the same for every strategy. */
    seeds: count,
    candidates: count,
    'per-generation': count,
    'max-epochs': count,
    /** A run config whose other sections (llm, feedback, archive…) every run shares. */
    config: z.string().min(1).optional(),
    id: runIdSchema.optional(),
    'data-dir': z.string().min(1).optional(),
    'parallel-jobs': count.optional(),
    'allow-unsandboxed': z.boolean(),
    json: z.boolean(),
  })
  .strict();

type CompareFlags = z.output<typeof compareFlagsSchema>;

/** A base run config as written: any sections, checked once merged into each run's config. */
const baseConfigSchema = z.record(z.string(), z.unknown());

async function readBaseConfig(path: string | undefined): Promise<Record<string, unknown>> {
  if (path === undefined) return {};
  return parseJsonContract(baseConfigSchema, await readFile(path, 'utf8'), path);
}

/** `compare-<dataset>-<UTC timestamp>` unless --id names it. */
function comparisonId(flags: CompareFlags, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return flags.id ?? `compare-${flags.dataset}-${stamp}`;
}

/** What the flags hold equal across a comparison's runs, as runStrategyComparison takes it. */
function comparedSetup(flags: CompareFlags) {
  return {
    strategies: flags.strategies,
    seeds: Array.from({ length: flags.seeds }, (_, seed) => seed),
    dataset: flags.dataset,
    candidates: flags.candidates,
    perGeneration: flags['per-generation'],
    maxEpochs: flags['max-epochs'],
    ...(flags['parallel-jobs'] === undefined ? {} : { parallelJobs: flags['parallel-jobs'] }),
    allowUnsandboxed: flags['allow-unsandboxed'],
  };
}

export type { CompareFlags };
export { comparedSetup, compareFlagSpec, compareFlagsSchema, comparisonId, readBaseConfig };
