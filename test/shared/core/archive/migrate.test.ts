import { describe, expect, it } from 'vitest';
import type { ArchiveEntry, ArchiveState } from '../../../../shared/src/core/archive/index.js';
import {
  createArchive,
  insertProgram,
  migrate,
} from '../../../../shared/src/core/archive/index.js';
import { entry } from './entries.js';

const insertAll = (archive: ArchiveState, entries: readonly ArchiveEntry[]) =>
  entries.reduce((current, next) => insertProgram(current, next).archive, archive);

const member = (programId: string, island: number, fitness: number) =>
  entry(programId, { island, fitness, features: { x: fitness } });

/** Three islands of two programs each; island 0 holds the global best. */
const threeIslands = (overrides: Parameters<typeof createArchive>[0] = {}) =>
  insertAll(createArchive({ islands: 3, dimensions: [{ name: 'x', bins: 4 }], ...overrides }), [
    member('a-best', 0, 0.9),
    member('a-other', 0, 0.2),
    member('b-best', 1, 0.5),
    member('b-other', 1, 0.4),
    member('c-best', 2, 0.3),
    member('c-other', 2, 0.1),
  ]);

describe('migrate', () => {
  it('copies each island’s best to the next island around the ring', () => {
    // Prepare
    const archive = threeIslands();

    // Act
    const result = migrate(archive, 10);

    // Assess
    expect(result.moves).toEqual([
      { programId: 'a-best', from: 0, to: 1 },
      { programId: 'b-best', from: 1, to: 2 },
      { programId: 'c-best', from: 2, to: 0 },
    ]);
    expect(result.archive.islands.map((island) => island.population)).toEqual([
      ['a-best', 'a-other', 'c-best'],
      ['b-best', 'b-other', 'a-best'],
      ['c-best', 'c-other', 'b-best'],
    ]);
    expect(result.archive.lastMigrationGeneration).toBe(10);
    expect(result.archive.programs['a-best']?.island).toBe(0);
  });

  it('moves the best of each island one hop only, even when it beats the next best', () => {
    // Prepare
    const archive = threeIslands();

    // Act
    const { archive: migrated } = migrate(archive, 10);

    // Assess: a-best reached island 1 but island 1 sent its own pre-migration best onwards
    expect(migrated.islands[2]?.population).not.toContain('a-best');
  });

  it('does nothing before the interval has passed', () => {
    // Prepare
    const archive = threeIslands();

    // Act
    const result = migrate(archive, 9);

    // Assess
    expect(result.archive).toBe(archive);
    expect(result.moves).toEqual([]);
  });

  it('does nothing when called again for the generation it already migrated', () => {
    // Prepare
    const once = migrate(threeIslands(), 10).archive;

    // Act
    const again = migrate(once, 10);

    // Assess
    expect(again.archive).toBe(once);
    expect(again.moves).toEqual([]);
  });

  it('does not add a program to an island that already holds it', () => {
    // Prepare: after one migration a-best lives on islands 0 and 1 and is still 0's best
    const once = migrate(threeIslands({ migration: { interval: 1, migrants: 1 } }), 1).archive;

    // Act: island 1's best is now a-best, which island 2 lacks; island 0's best is on 1 already
    const twice = migrate(once, 2);

    // Assess
    expect(twice.moves).toEqual([
      { programId: 'a-best', from: 1, to: 2 },
      { programId: 'b-best', from: 2, to: 0 },
    ]);
    for (const { population } of twice.archive.islands) {
      expect(new Set(population).size).toBe(population.length);
    }
  });

  it('sends the configured number of migrants from each island', () => {
    // Prepare
    const archive = threeIslands({ migration: { interval: 5, migrants: 2 } });

    // Act
    const { moves } = migrate(archive, 5);

    // Assess
    expect(moves.filter((move) => move.from === 0).map((move) => move.programId)).toEqual([
      'a-best',
      'a-other',
    ]);
  });

  it('makes room on a full island by the usual eviction, keeping its best', () => {
    // Prepare: each island holds two programs, its cap
    const archive = threeIslands({ populationSize: 2 });

    // Act
    const { archive: migrated, evicted } = migrate(archive, 10);

    // Assess: island 1 keeps a-best (new best) and b-best, island 2 keeps c-best
    expect(migrated.islands[1]?.population).toContain('a-best');
    expect(migrated.islands[1]?.population).toHaveLength(2);
    expect(evicted).toHaveLength(3);
    expect(migrated.islands[2]?.population).toContain('c-best');
  });

  it('moves nothing with a single island', () => {
    // Prepare
    const archive = insertAll(createArchive({ islands: 1 }), [member('only', 0, 0.1)]);

    // Act
    const result = migrate(archive, 10);

    // Assess
    expect(result.moves).toEqual([]);
    expect(result.archive.islands).toEqual(archive.islands);
  });

  it('rejects a generation that is not a whole number', () => {
    // Prepare / Act
    const act = () => migrate(threeIslands(), 1.5);

    // Assess
    expect(act).toThrow('generation must be an integer >= 0, got 1.5');
  });
});
