import { InvalidArgumentError } from '../../errors.js';
import { parseContract } from '../contracts/index.js';
import type { ArchiveEntry } from './archiveEntry.js';
import { archiveEntrySchema, compareEntries, withoutUndefinedObjectives } from './archiveEntry.js';
import type { ArchiveState } from './archiveState.js';
import { withoutUnreferenced } from './archiveState.js';
import { cellKey, cellOf, gridOf, widenBounds } from './featureGrid.js';
import { assertIsland, entryOf, islandMembers } from './members.js';
import { enforcePopulationCap } from './populationCap.js';

/** Where a program landed in its island's grid. */
interface Placement {
  /** The program's MAP-Elites cell on its island. */
  readonly cell: number[];
  /** Whether it now holds that cell: it opened the cell or beat the previous champion. */
  readonly champion: boolean;
}

interface InsertResult extends Placement {
  readonly archive: ArchiveState;
  /** Programs the population cap removed from the island, possibly the new one itself. */
  readonly evicted: string[];
}

/**
 * Inserts an evaluated program into its island (`entry.island`), the elite list and the grid.
 * Failed programs do not belong here. Inserting a program the archive already holds, with the
 * same data, returns the archive unchanged, so a retried record step is harmless; the same id
 * with other data is a caller's bug and throws.
 */
function insertProgram(archive: ArchiveState, entry: ArchiveEntry): InsertResult {
  const program = withoutUndefinedObjectives(
    parseContract(archiveEntrySchema, entry, 'archive entry')
  );
  assertIsland(archive, program.island);
  const known = archive.programs[program.programId];
  if (known !== undefined) {
    if (JSON.stringify(known) !== JSON.stringify(program)) {
      throw new InvalidArgumentError(
        `program ${program.programId} is already in the archive with other data`
      );
    }
    return { archive, ...placement(archive, program), evicted: [] };
  }

  const grown: ArchiveState = {
    ...archive,
    programs: { ...archive.programs, [program.programId]: program },
    islands: archive.islands.map((island, index) =>
      index === program.island ? { population: [...island.population, program.programId] } : island
    ),
    bounds: widenBounds(archive.bounds, archive.config.dimensions, program.features),
  };
  const withElites = { ...grown, elites: elitesAfter(grown, program) };
  const { archive: capped, evicted } = enforcePopulationCap(withElites, program.island);
  const settled = withoutUnreferenced(capped);
  return { archive: settled, ...placement(settled, program), evicted };
}

function elitesAfter(archive: ArchiveState, program: ArchiveEntry): string[] {
  return [...archive.elites.map((id) => entryOf(archive, id)), program]
    .sort(compareEntries)
    .slice(0, archive.config.eliteSize)
    .map((entry) => entry.programId);
}

function placement(archive: ArchiveState, program: ArchiveEntry): Placement {
  const cell = cellOf(program, archive);
  const occupant = gridOf(islandMembers(archive, program.island), archive).get(cellKey(cell));
  return { cell, champion: occupant?.champion.programId === program.programId };
}

export type { InsertResult, Placement };
export { insertProgram };
