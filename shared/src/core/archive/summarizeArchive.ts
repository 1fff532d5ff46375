import type { ArchiveEntry } from './archiveEntry.js';
import { bestOf } from './archiveEntry.js';
import type { ArchiveState } from './archiveState.js';
import { cellCount, gridOf } from './featureGrid.js';
import { islandMembers } from './members.js';
import { paretoFront } from './paretoFront.js';

interface ProgramScore {
  readonly programId: string;
  readonly fitness: number;
}

interface IslandSummary {
  readonly island: number;
  readonly population: number;
  readonly best: ProgramScore | null;
  readonly occupiedCells: number;
}

/** A small, JSON-ready view of the archive for reports and run status; null means none yet. */
interface ArchiveSummary {
  readonly programs: number;
  readonly best: ProgramScore | null;
  /** Front of the programs the archive still holds (paretoFront over storage gives the run's). */
  readonly paretoFront: string[];
  readonly elites: string[];
  /** Cells in one island's grid, the denominator of each island's `occupiedCells`. */
  readonly cellsPerIsland: number;
  readonly islands: IslandSummary[];
  readonly lastMigrationGeneration: number;
}

function summarizeArchive(archive: ArchiveState): ArchiveSummary {
  const programs = Object.values(archive.programs);
  return {
    programs: programs.length,
    best: scoreOf(bestOf(programs)),
    paretoFront: paretoFront(programs).map((entry) => entry.programId),
    elites: [...archive.elites],
    cellsPerIsland: cellCount(archive.config.dimensions),
    islands: archive.islands.map((_, island) => {
      const members = islandMembers(archive, island);
      return {
        island,
        population: members.length,
        best: scoreOf(bestOf(members)),
        occupiedCells: gridOf(members, archive).size,
      };
    }),
    lastMigrationGeneration: archive.lastMigrationGeneration,
  };
}

function scoreOf(entry: ArchiveEntry | undefined): ProgramScore | null {
  return entry === undefined ? null : { programId: entry.programId, fitness: entry.fitness };
}

export type { ArchiveSummary, IslandSummary, ProgramScore };
export { summarizeArchive };
