import { InvalidArgumentError } from '../../errors.js';
import type { ArchiveEntry } from './archiveEntry.js';
import { compareEntries } from './archiveEntry.js';
import type { ArchiveState } from './archiveState.js';
import { withoutUnreferenced } from './archiveState.js';
import { islandMembers } from './members.js';
import { enforcePopulationCap } from './populationCap.js';

interface MigrationMove {
  readonly programId: string;
  readonly from: number;
  readonly to: number;
}

interface MigrationResult {
  readonly archive: ArchiveState;
  /** Programs added to the next island; empty when no migration was due. */
  readonly moves: MigrationMove[];
  /** Programs the destinations' population cap removed to make room. */
  readonly evicted: string[];
}

/**
 * Ring migration, when `migration.interval` generations have passed since the last one: each
 * island's `migration.migrants` best programs are copied to island i + 1 (mod n), unless already
 * there. Migrants are chosen before any island receives, so none travels two hops at once.
 * Calling it again for the same generation is a no-op, so a retried step is harmless.
 */
function migrate(archive: ArchiveState, generation: number): MigrationResult {
  if (!Number.isInteger(generation) || generation < 0) {
    throw new InvalidArgumentError(`generation must be an integer >= 0, got ${generation}`);
  }
  const { interval, migrants } = archive.config.migration;
  if (generation - archive.lastMigrationGeneration < interval) {
    return { archive, moves: [], evicted: [] };
  }
  const islandCount = archive.islands.length;
  const emigrants = archive.islands.map((_, island) =>
    [...islandMembers(archive, island)].sort(compareEntries).slice(0, migrants)
  );
  let migrated: ArchiveState = { ...archive, lastMigrationGeneration: generation };
  const moves: MigrationMove[] = [];
  const evicted: string[] = [];
  for (const [from, programs] of emigrants.entries()) {
    const to = (from + 1) % islandCount;
    const arrivals = programs.filter(
      (program) => !migrated.islands[to]?.population.includes(program.programId)
    );
    if (arrivals.length === 0) continue;
    migrated = withArrivals(migrated, to, arrivals);
    moves.push(...arrivals.map((program) => ({ programId: program.programId, from, to })));
    const capped = enforcePopulationCap(migrated, to);
    migrated = capped.archive;
    evicted.push(...capped.evicted);
  }
  return { archive: withoutUnreferenced(migrated), moves, evicted };
}

function withArrivals(
  archive: ArchiveState,
  island: number,
  arrivals: readonly ArchiveEntry[]
): ArchiveState {
  return {
    ...archive,
    islands: archive.islands.map((current, index) =>
      index === island
        ? { population: [...current.population, ...arrivals.map((entry) => entry.programId)] }
        : current
    ),
  };
}

export type { MigrationMove, MigrationResult };
export { migrate };
