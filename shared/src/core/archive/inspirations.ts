import type { Rng } from '../random/index.js';
import type { ArchiveEntry } from './archiveEntry.js';
import type { ArchiveState } from './archiveState.js';
import type { GridCell } from './featureGrid.js';
import { cellOf, gridOf } from './featureGrid.js';
import { bestProgram, entryOf, samplingPool } from './members.js';

type InspirationSource = 'best' | 'top' | 'neighbour' | 'random';

/** A program shown to the proposer beside the parent, and why it was chosen. */
interface Inspiration {
  readonly program: ArchiveEntry;
  readonly source: InspirationSource;
}

/**
 * Chooses the programs a proposal for `parentId` on `island` may learn from, in this order:
 * the global best, the next elites, the champions of the grid cells nearest the parent's
 * (Chebyshev distance, then Manhattan, ties in random order), then random members of the island.
 * The random part also makes up any shortfall of the others (a parent that is itself the best,
 * a grid with few cells), as long as the island has programs left. Never the parent, never twice.
 */
function selectInspirations(
  archive: ArchiveState,
  island: number,
  parentId: string,
  rng: Rng
): Inspiration[] {
  const parent = entryOf(archive, parentId);
  const counts = archive.config.inspirations;
  const wanted = (counts.best ? 1 : 0) + counts.top + counts.neighbours + counts.random;
  const pool = samplingPool(archive, island);
  const chosen: Inspiration[] = [];
  const taken = new Set([parent.programId]);
  const take = (programs: readonly ArchiveEntry[], source: InspirationSource, limit: number) => {
    const fresh = programs.filter((program) => !taken.has(program.programId)).slice(0, limit);
    for (const program of fresh) {
      taken.add(program.programId);
      chosen.push({ program, source });
    }
  };

  const best = bestProgram(archive);
  if (counts.best && best !== undefined) take([best], 'best', 1);
  take(
    archive.elites.map((id) => entryOf(archive, id)),
    'top',
    counts.top
  );
  take(nearestChampions(parent, pool, archive, rng), 'neighbour', counts.neighbours);
  take(rng.shuffle(pool), 'random', wanted - chosen.length);
  return chosen;
}

/** Champions of the island's occupied cells, nearest the parent's cell first. */
function nearestChampions(
  parent: ArchiveEntry,
  pool: readonly ArchiveEntry[],
  archive: ArchiveState,
  rng: Rng
): ArchiveEntry[] {
  const origin = cellOf(parent, archive);
  const distance = ({ cell }: GridCell): [number, number] => {
    const steps = cell.map((bin, axis) => Math.abs(bin - (origin[axis] as number)));
    return [Math.max(...steps), steps.reduce((sum, step) => sum + step, 0)];
  };
  // Shuffling first lets the stable sort break distance ties at random, yet reproducibly.
  return rng
    .shuffle([...gridOf(pool, archive).values()])
    .map((cell) => ({ champion: cell.champion, distance: distance(cell) }))
    .sort((a, b) => a.distance[0] - b.distance[0] || a.distance[1] - b.distance[1])
    .map((cell) => cell.champion);
}

export type { Inspiration, InspirationSource };
export { selectInspirations };
