import { describe, expect, it } from 'vitest';
import {
  createArchive,
  insertProgram,
  summarizeArchive,
} from '../../../../shared/src/core/archive/index.js';
import { entry } from './entries.js';

describe('summarizeArchive', () => {
  it('reports counts, bests, the front and grid occupancy per island', () => {
    // Prepare
    let archive = createArchive({
      islands: 2,
      dimensions: [{ name: 'x', bins: 4, range: [0, 1] }],
    });
    for (const program of [
      entry('a', { fitness: 0.3, features: { x: 0.1 }, objectives: { accuracy: 0.3 } }),
      entry('b', { fitness: 0.2, features: { x: 0.15 }, objectives: { accuracy: 0.2 } }),
      entry('c', {
        fitness: 0.1,
        features: { x: 0.9 },
        objectives: { accuracy: 0.1, satisfaction: 0.9 },
      }),
      entry('d', { island: 1, fitness: 0.25, features: { x: 0.5 } }),
    ]) {
      archive = insertProgram(archive, program).archive;
    }

    // Act
    const summary = summarizeArchive(archive);

    // Assess
    expect(summary).toEqual({
      programs: 4,
      best: { programId: 'a', fitness: 0.3 },
      paretoFront: ['a', 'c'],
      elites: ['a', 'd', 'b', 'c'],
      cellsPerIsland: 4,
      islands: [
        { island: 0, population: 3, best: { programId: 'a', fitness: 0.3 }, occupiedCells: 2 },
        { island: 1, population: 1, best: { programId: 'd', fitness: 0.25 }, occupiedCells: 1 },
      ],
      lastMigrationGeneration: 0,
    });
  });

  it('reports no best for an empty archive', () => {
    // Prepare / Act
    const summary = summarizeArchive(createArchive({ islands: 1 }));

    // Assess
    expect(summary.best).toBeNull();
    expect(summary.islands).toEqual([{ island: 0, population: 0, best: null, occupiedCells: 0 }]);
    expect(summary.cellsPerIsland).toBe(1000);
  });
});
