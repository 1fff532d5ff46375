import type { ArchiveEntry } from './archiveEntry.js';
import { compareEntries } from './archiveEntry.js';
import type { ArchiveState } from './archiveState.js';
import { gridOf } from './featureGrid.js';
import { islandMembers } from './members.js';

interface CappedIsland {
  readonly archive: ArchiveState;
  readonly evicted: string[];
}

/**
 * Evicts members of an island until it holds at most `populationSize`. The victim is the worst
 * member that is not the champion of a grid cell, so diversity outlives mere fitness; only when
 * every member is a champion does the worst champion go. So the island's best, a champion that
 * is never the worst of two, is never a victim; nor is the global best, which is the best of
 * every island it lives on.
 */
function enforcePopulationCap(archive: ArchiveState, island: number): CappedIsland {
  let capped = archive;
  const evicted: string[] = [];
  let members = islandMembers(capped, island);
  while (members.length > capped.config.populationSize) {
    const victim = evictionVictim(members, capped);
    members = members.filter((member) => member.programId !== victim);
    evicted.push(victim);
    capped = withPopulation(capped, island, members);
  }
  return { archive: capped, evicted };
}

function evictionVictim(members: readonly ArchiveEntry[], archive: ArchiveState): string {
  const champions = new Set(
    [...gridOf(members, archive).values()].map((cell) => cell.champion.programId)
  );
  const plain = members.filter((member) => !champions.has(member.programId));
  const pool = plain.length > 0 ? plain : members;
  const worst = [...pool].sort(compareEntries).at(-1) as ArchiveEntry;
  return worst.programId;
}

function withPopulation(
  archive: ArchiveState,
  island: number,
  members: readonly ArchiveEntry[]
): ArchiveState {
  const population = members.map((member) => member.programId);
  return {
    ...archive,
    islands: archive.islands.map((current, index) => (index === island ? { population } : current)),
  };
}

export { enforcePopulationCap };
