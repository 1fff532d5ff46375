import { z } from 'zod';
import { parseContract } from '../contracts/index.js';
import type { ArchiveConfigInput } from './archiveConfig.js';
import { archiveConfigSchema } from './archiveConfig.js';
import { archiveEntrySchema } from './archiveEntry.js';

const observedRangeSchema = z.object({ min: z.number(), max: z.number() }).strict();

const islandSchema = z
  .object({
    /** Program ids, oldest first; a migrated program appears on several islands. */
    population: z.array(z.string().min(1)),
  })
  .strict();

/**
 * The whole archive as plain JSON. Programs are stored once, in `programs`; islands and elites
 * hold ids, which keeps a run of hundreds of programs far below DynamoDB's 400 KB item limit.
 * The grids are not stored: they are derived from the populations and `bounds` on demand, so
 * adaptive binning can never leave a stale cell behind.
 */
const archiveStateSchema = z
  .object({
    version: z.literal(1),
    config: archiveConfigSchema,
    /** Every program an island or the elite list refers to, and no other. */
    programs: z.record(z.string(), archiveEntrySchema),
    islands: z.array(islandSchema).min(1),
    /** The best programs ever inserted, best first; they outlive eviction from their island. */
    elites: z.array(z.string().min(1)),
    /** Smallest and largest value seen so far of each adaptive (range-less) dimension. */
    bounds: z.record(z.string(), observedRangeSchema),
    /** The generation of the last migration; 0 before the first. */
    lastMigrationGeneration: z.int().min(0),
  })
  .strict()
  .superRefine((state, context) => {
    const issue = (path: PropertyKey[], message: string) =>
      context.addIssue({ code: 'custom', path, message });
    if (state.islands.length !== state.config.islands) {
      issue(['islands'], `expected ${state.config.islands} islands, got ${state.islands.length}`);
    }
    if (state.elites.length > state.config.eliteSize) {
      issue(['elites'], `holds ${state.elites.length} ids, more than eliteSize`);
    }
    const referenced = new Set(state.elites);
    for (const [island, { population }] of state.islands.entries()) {
      if (new Set(population).size !== population.length) {
        issue(['islands', island, 'population'], 'lists a program twice');
      }
      for (const id of population) referenced.add(id);
    }
    for (const id of referenced) {
      if (state.programs[id] === undefined) issue(['programs'], `lacks referenced program ${id}`);
    }
    for (const [id, entry] of Object.entries(state.programs)) {
      if (!referenced.has(id)) issue(['programs', id], 'is referenced by no island or elite');
      if (entry.programId !== id) issue(['programs', id, 'programId'], 'differs from its key');
    }
  });

type ArchiveState = z.infer<typeof archiveStateSchema>;

/** An empty archive; throws a ContractViolationError naming the field of a bad config. */
function createArchive(config: ArchiveConfigInput = {}): ArchiveState {
  const parsed = parseContract(archiveConfigSchema, config, 'archive config');
  return {
    version: 1,
    config: parsed,
    programs: {},
    islands: Array.from({ length: parsed.islands }, () => ({ population: [] })),
    elites: [],
    bounds: {},
    lastMigrationGeneration: 0,
  };
}

/** Drops programs that eviction left unreferenced, keeping the stored state minimal. */
function withoutUnreferenced(archive: ArchiveState): ArchiveState {
  const referenced = new Set([
    ...archive.elites,
    ...archive.islands.flatMap((island) => island.population),
  ]);
  const programs = Object.fromEntries(
    Object.entries(archive.programs).filter(([id]) => referenced.has(id))
  );
  return { ...archive, programs };
}

export type { ArchiveState };
export { archiveStateSchema, createArchive, withoutUnreferenced };
