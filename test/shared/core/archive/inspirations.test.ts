import { describe, expect, it } from 'vitest';
import type { ArchiveEntry, ArchiveState } from '../../../../shared/src/core/archive/index.js';
import {
  createArchive,
  insertProgram,
  selectInspirations,
} from '../../../../shared/src/core/archive/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';
import { entry } from './entries.js';

/** A program at grid cell (x, y): each axis has 5 bins over [0, 5], so a whole x is its bin. */
const at = (programId: string, x: number, y: number, fitness: number) =>
  entry(programId, { fitness, features: { x: x + 0.5, y: y + 0.5 } });

const insertAll = (archive: ArchiveState, entries: readonly ArchiveEntry[]) =>
  entries.reduce((current, next) => insertProgram(current, next).archive, archive);

const grid = () =>
  insertAll(
    createArchive({
      islands: 2,
      eliteSize: 3,
      dimensions: [
        { name: 'x', bins: 5, range: [0, 5] },
        { name: 'y', bins: 5, range: [0, 5] },
      ],
    }),
    [
      at('best', 4, 4, 0.9),
      at('elite-2', 4, 0, 0.8),
      at('elite-3', 0, 4, 0.7),
      at('parent', 2, 2, 0.3),
      at('near', 2, 3, 0.2),
      at('diagonal', 1, 1, 0.25),
      at('far', 0, 0, 0.1),
    ]
  );

const summary = (inspirations: ReturnType<typeof selectInspirations>) =>
  inspirations.map(({ program, source }) => [source, program.programId]);

describe('selectInspirations', () => {
  it('takes the best, the next elites, the nearest cells and a random fill, in that order', () => {
    // Prepare
    const archive = grid();

    // Act
    const inspirations = selectInspirations(archive, 0, 'parent', createRng('inspire'));

    // Assess: `near` is one step away, `diagonal` one step on two axes, `far` two steps
    expect(summary(inspirations)).toEqual([
      ['best', 'best'],
      ['top', 'elite-2'],
      ['top', 'elite-3'],
      ['neighbour', 'near'],
      ['neighbour', 'diagonal'],
      ['random', 'far'],
    ]);
  });

  it('never returns the parent and fills the gap when the parent is the best', () => {
    // Prepare
    const archive = grid();

    // Act
    const inspirations = selectInspirations(archive, 0, 'best', createRng('inspire'));

    // Assess
    const ids = inspirations.map((inspiration) => inspiration.program.programId);
    expect(ids).not.toContain('best');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(6);
    expect(summary(inspirations).slice(0, 2)).toEqual([
      ['top', 'elite-2'],
      ['top', 'elite-3'],
    ]);
  });

  it('returns fewer than asked when the archive holds fewer programs', () => {
    // Prepare
    const archive = insertAll(createArchive(), [
      entry('seed', { generation: 0 }),
      entry('child', { parentId: 'seed' }),
    ]);

    // Act
    const inspirations = selectInspirations(archive, 0, 'child', createRng(1));

    // Assess
    expect(summary(inspirations)).toEqual([['best', 'seed']]);
  });

  it('breaks distance ties between neighbours reproducibly under a seed', () => {
    // Prepare: four champions one step from the parent, two of them asked for
    const archive = insertAll(createArchive({ dimensions: grid().config.dimensions }), [
      at('parent', 2, 2, 0.9),
      at('north', 2, 3, 0.1),
      at('south', 2, 1, 0.1),
      at('east', 3, 2, 0.1),
      at('west', 1, 2, 0.1),
    ]);
    const neighbours = (seed: string) =>
      selectInspirations(archive, 0, 'parent', createRng(seed))
        .filter((inspiration) => inspiration.source === 'neighbour')
        .map((inspiration) => inspiration.program.programId);

    // Act
    const picks = ['a', 'b', 'c', 'd', 'e', 'f'].map(neighbours);

    // Assess
    expect(neighbours('a')).toEqual(picks[0]);
    for (const pick of picks) expect(pick).toHaveLength(2);
    expect(new Set(picks.map((pick) => pick.join())).size).toBeGreaterThan(1);
  });

  it('throws for a parent the archive does not hold', () => {
    // Prepare / Act
    const act = () => selectInspirations(grid(), 0, 'ghost', createRng(1));

    // Assess
    expect(act).toThrow('program ghost is not in the archive');
  });
});
