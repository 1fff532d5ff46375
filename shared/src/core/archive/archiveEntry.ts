import { z } from 'zod';

/** What the Pareto front maximises; satisfaction and coverage exist only once measured. */
const objectivesSchema = z
  .object({
    accuracy: z.number(),
    satisfaction: z.number().optional(),
    coverage: z.number().optional(),
  })
  .strict();

/** What the archive knows about one successfully evaluated program. */
const archiveEntrySchema = z
  .object({
    programId: z.string().min(1),
    /** The island the program was born on; migration copies it to others without changing this. */
    island: z.int().min(0),
    generation: z.int().min(0),
    parentId: z.string().min(1).nullable(),
    /** Validation NDCG@10; higher is better. */
    fitness: z.number(),
    /** Numeric metrics the grid may bin on (`val_ndcg@10`, `satisfaction`, `complexity`, …). */
    features: z.record(z.string(), z.number()),
    objectives: objectivesSchema,
  })
  .strict();

type ArchiveEntry = z.infer<typeof archiveEntrySchema>;
type Objectives = z.infer<typeof objectivesSchema>;

/**
 * Orders entries best first: higher fitness, then the older generation (an incumbent keeps its
 * place against an equal newcomer, as in MAP-Elites), then the smaller programId.
 */
function compareEntries(a: ArchiveEntry, b: ArchiveEntry): number {
  if (a.fitness !== b.fitness) return b.fitness - a.fitness;
  if (a.generation !== b.generation) return a.generation - b.generation;
  if (a.programId === b.programId) return 0;
  return a.programId < b.programId ? -1 : 1;
}

/** The best of some entries under compareEntries; undefined for none. */
function bestOf(entries: readonly ArchiveEntry[]): ArchiveEntry | undefined {
  return entries.reduce<ArchiveEntry | undefined>(
    (best, entry) => (best === undefined || compareEntries(entry, best) < 0 ? entry : best),
    undefined
  );
}

/** Drops keys whose value is undefined, which JSON would drop too, so a round trip is exact. */
function withoutUndefinedObjectives(entry: ArchiveEntry): ArchiveEntry {
  const { accuracy, satisfaction, coverage } = entry.objectives;
  return {
    ...entry,
    objectives: {
      accuracy,
      ...(satisfaction === undefined ? {} : { satisfaction }),
      ...(coverage === undefined ? {} : { coverage }),
    },
  };
}

export type { ArchiveEntry, Objectives };
export { archiveEntrySchema, bestOf, compareEntries, withoutUndefinedObjectives };
