import { InvalidArgumentError } from '../../errors.js';
import type { ArchiveEntry } from './archiveEntry.js';
import { bestOf } from './archiveEntry.js';
import type { ArchiveState } from './archiveState.js';

/** Throws unless `island` is an index of the archive's islands. */
function assertIsland(archive: ArchiveState, island: number): void {
  if (!Number.isInteger(island) || island < 0 || island >= archive.islands.length) {
    throw new InvalidArgumentError(
      `island must be an integer in 0..${archive.islands.length - 1}, got ${island}`
    );
  }
}

function entryOf(archive: ArchiveState, programId: string): ArchiveEntry {
  const entry = archive.programs[programId];
  if (entry === undefined) {
    throw new InvalidArgumentError(`program ${programId} is not in the archive`);
  }
  return entry;
}

/** An island's members, oldest first. */
function islandMembers(archive: ArchiveState, island: number): ArchiveEntry[] {
  assertIsland(archive, island);
  const { population } = archive.islands[island] as ArchiveState['islands'][number];
  return population.map((id) => entryOf(archive, id));
}

/**
 * The programs a draw for `island` chooses among: its own members, or, while it is still empty
 * (early in a run, before children or migrants reach it), the members of every island.
 */
function samplingPool(archive: ArchiveState, island: number): ArchiveEntry[] {
  const own = islandMembers(archive, island);
  if (own.length > 0) return own;
  const everyone = new Set(archive.islands.flatMap((other) => other.population));
  return [...everyone].map((id) => entryOf(archive, id));
}

/** The best program in the archive (fitness, then the older, then the smaller id). */
function bestProgram(archive: ArchiveState): ArchiveEntry | undefined {
  return bestOf(Object.values(archive.programs));
}

export { assertIsland, bestProgram, entryOf, islandMembers, samplingPool };
