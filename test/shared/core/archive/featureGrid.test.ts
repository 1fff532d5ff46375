import { describe, expect, it } from 'vitest';
import type { ArchiveState } from '../../../../shared/src/core/archive/index.js';
import {
  cellOf,
  createArchive,
  gridOf,
  insertProgram,
  islandMembers,
} from '../../../../shared/src/core/archive/index.js';
import { entry } from './entries.js';

const withX = (programId: string, x: number, fitness = 0.05) =>
  entry(programId, { fitness, features: { x } });

const insertAll = (archive: ArchiveState, entries: ReturnType<typeof entry>[]) =>
  entries.reduce((current, next) => insertProgram(current, next).archive, archive);

describe('adaptive binning', () => {
  it('spreads the observed range over the bins, the maximum in the last bin', () => {
    // Prepare
    const archive = insertAll(createArchive({ dimensions: [{ name: 'x', bins: 4 }] }), [
      withX('low', 0),
      withX('high', 1),
    ]);

    // Act
    const cells = [0, 0.24, 0.25, 0.3, 0.99, 1].map((x) => cellOf(withX('probe', x), archive));

    // Assess
    expect(cells).toEqual([[0], [0], [1], [1], [3], [3]]);
    expect(archive.bounds).toEqual({ x: { min: 0, max: 1 } });
  });

  it('re-bins earlier programs when a wider value arrives', () => {
    // Prepare
    const narrow = insertAll(createArchive({ dimensions: [{ name: 'x', bins: 4 }] }), [
      withX('low', 0),
      withX('high', 1),
    ]);

    // Act
    const wide = insertProgram(narrow, withX('wider', 2)).archive;

    // Assess
    expect(cellOf(withX('high', 1), narrow)).toEqual([3]);
    expect(cellOf(withX('high', 1), wide)).toEqual([2]);
    expect([...gridOf(islandMembers(wide, 0), wide).keys()]).toEqual(['0', '2', '3']);
  });

  it('puts everything in bin 0 while a single value has been seen', () => {
    // Prepare
    const archive = insertProgram(
      createArchive({ dimensions: [{ name: 'x', bins: 4 }] }),
      withX('only', 0.5)
    ).archive;

    // Act / Assess
    expect(cellOf(withX('probe', 0.9), archive)).toEqual([0]);
  });

  it('puts a program lacking a dimension in bin 0 of that dimension only', () => {
    // Prepare
    const dimensions = [
      { name: 'x', bins: 4 },
      { name: 'satisfaction', bins: 5, range: [0, 1] as [number, number] },
    ];
    const archive = insertAll(createArchive({ dimensions }), [withX('low', 0), withX('high', 1)]);

    // Act
    const cell = cellOf(entry('unrated', { features: { x: 1 } }), archive);

    // Assess
    expect(cell).toEqual([3, 0]);
  });

  it('clamps values outside a fixed range and records no bounds for it', () => {
    // Prepare
    const archive = createArchive({ dimensions: [{ name: 'x', bins: 5, range: [0, 10] }] });

    // Act
    const cells = [-3, 0, 4.9, 9.99, 10, 25].map((x) => cellOf(withX('probe', x), archive));
    const after = insertProgram(archive, withX('outside', 25)).archive;

    // Assess
    expect(cells).toEqual([[0], [0], [2], [4], [4], [4]]);
    expect(after.bounds).toEqual({});
  });
});

describe('gridOf', () => {
  it('keeps the fittest program of each cell, the older one on a tie', () => {
    // Prepare
    const archive = createArchive({ dimensions: [{ name: 'x', bins: 2, range: [0, 1] }] });
    const members = [
      entry('a', { fitness: 0.1, generation: 1, features: { x: 0.1 } }),
      entry('b', { fitness: 0.3, generation: 2, features: { x: 0.2 } }),
      entry('c', { fitness: 0.3, generation: 3, features: { x: 0.3 } }),
      entry('d', { fitness: 0.2, generation: 1, features: { x: 0.9 } }),
    ];

    // Act
    const grid = gridOf(members, archive);

    // Assess
    expect([...grid.entries()].map(([key, cell]) => [key, cell.champion.programId])).toEqual([
      ['0', 'b'],
      ['1', 'd'],
    ]);
  });
});
