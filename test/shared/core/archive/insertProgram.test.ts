import { describe, expect, it } from 'vitest';
import type { ArchiveEntry, ArchiveState } from '../../../../shared/src/core/archive/index.js';
import { createArchive, insertProgram } from '../../../../shared/src/core/archive/index.js';
import { ContractViolationError, InvalidArgumentError } from '../../../../shared/src/errors.js';
import { deepFreeze, entry } from './entries.js';

/** One fixed-range dimension `x` with two bins: x < 0.5 is cell [0], the rest cell [1]. */
const twoCells = (overrides: Parameters<typeof createArchive>[0] = {}) =>
  createArchive({ islands: 2, dimensions: [{ name: 'x', bins: 2, range: [0, 1] }], ...overrides });

const at = (programId: string, x: number, fitness: number, generation = 1) =>
  entry(programId, { fitness, generation, features: { x } });

const insertAll = (archive: ArchiveState, entries: readonly ArchiveEntry[]) =>
  entries.reduce((current, next) => insertProgram(current, next).archive, archive);

describe('insertProgram', () => {
  it('adds the program to its island, the elites and the programs it stores', () => {
    // Prepare
    const archive = twoCells();

    // Act
    const result = insertProgram(archive, entry('p1', { island: 1, features: { x: 0.7 } }));

    // Assess
    expect(result.archive.islands).toEqual([{ population: [] }, { population: ['p1'] }]);
    expect(result.archive.elites).toEqual(['p1']);
    expect(Object.keys(result.archive.programs)).toEqual(['p1']);
    expect(result).toMatchObject({ cell: [1], champion: true, evicted: [] });
  });

  it('takes over a cell only from a weaker champion', () => {
    // Prepare
    const archive = insertAll(twoCells(), [at('incumbent', 0.1, 0.2)]);

    // Act
    const weaker = insertProgram(archive, at('weaker', 0.2, 0.1));
    const equal = insertProgram(archive, at('equal', 0.2, 0.2, 2));
    const stronger = insertProgram(archive, at('stronger', 0.3, 0.3, 2));

    // Assess
    expect([weaker.champion, equal.champion, stronger.champion]).toEqual([false, false, true]);
  });

  it('evicts the worst member that holds no cell, even before a weaker champion', () => {
    // Prepare: `lonely` is the weakest program but alone in cell [1]; cell [0] is best's
    const archive = insertAll(twoCells({ populationSize: 3 }), [
      at('best', 0.1, 0.4),
      at('lonely', 0.9, 0.01),
      at('plain', 0.2, 0.03),
    ]);

    // Act
    const result = insertProgram(archive, at('newcomer', 0.3, 0.05));

    // Assess
    expect(result.evicted).toEqual(['plain']);
    expect(result.archive.islands[0]?.population).toEqual(['best', 'lonely', 'newcomer']);
  });

  it('evicts the worst champion when every member holds a cell, never the best', () => {
    // Prepare
    const archive = insertAll(twoCells({ populationSize: 1 }), [at('best', 0.9, 0.4)]);

    // Act: the newcomer opens cell [0], yet the cap of 1 leaves room for the best only
    const result = insertProgram(archive, at('newcomer', 0.1, 0.1));

    // Assess
    expect(result).toMatchObject({ cell: [0], champion: false, evicted: ['newcomer'] });
    expect(result.archive.islands[0]?.population).toEqual(['best']);
  });

  it('lets a new best displace the old one when the cap is 1', () => {
    // Prepare
    const archive = insertAll(twoCells({ populationSize: 1 }), [at('old', 0.9, 0.2)]);

    // Act
    const result = insertProgram(archive, at('new', 0.1, 0.3, 2));

    // Assess
    expect(result.evicted).toEqual(['old']);
    expect(result.archive.islands[0]?.population).toEqual(['new']);
  });

  it('keeps the elites best first, bounded, and keeps an evicted elite stored', () => {
    // Prepare: every program shares cell [0]; the cap of 2 evicts, the elite list keeps 3
    const archive = twoCells({ populationSize: 2, eliteSize: 3 });
    const entries = [0.3, 0.1, 0.5, 0.2, 0.4].map((fitness, index) =>
      at(`p${index}`, 0.1, fitness)
    );

    // Act
    const result = insertAll(archive, entries);

    // Assess
    expect(result.elites).toEqual(['p2', 'p4', 'p0']);
    expect(result.islands[0]?.population).toEqual(['p2', 'p4']);
    expect(Object.keys(result.programs).sort()).toEqual(['p0', 'p2', 'p4']);
  });

  it('returns the archive unchanged when the same program is inserted again', () => {
    // Prepare
    const program = at('p1', 0.2, 0.1);
    const once = insertProgram(twoCells(), program).archive;

    // Act
    const twice = insertProgram(once, { ...program });

    // Assess
    expect(twice.archive).toBe(once);
    expect(twice).toMatchObject({ cell: [0], champion: true, evicted: [] });
  });

  it('throws when a known program id arrives with other data', () => {
    // Prepare
    const once = insertProgram(twoCells(), at('p1', 0.2, 0.1)).archive;

    // Act
    const act = () => insertProgram(once, at('p1', 0.2, 0.9));

    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow('program p1 is already in the archive with other data');
  });

  it.each([
    [{ fitness: Number.NaN }, 'fitness'],
    [{ features: { x: Number.POSITIVE_INFINITY } }, 'features.x'],
    [{ programId: '' }, 'programId'],
  ])('rejects the malformed entry %j naming the field', (overrides, field) => {
    // Prepare / Act
    const act = () => insertProgram(twoCells(), entry('p1', overrides));

    // Assess
    expect(act).toThrow(ContractViolationError);
    expect(act).toThrow(`archive entry is invalid: ${field}`);
  });

  it('rejects an island the archive does not have', () => {
    // Prepare / Act
    const act = () => insertProgram(twoCells(), entry('p1', { island: 2 }));

    // Assess
    expect(act).toThrow('island must be an integer in 0..1, got 2');
  });

  it('never writes into the archive or the entry it is given', () => {
    // Prepare
    const archive = deepFreeze(
      insertAll(twoCells({ populationSize: 1 }), [at('a', 0.1, 0.1), at('b', 0.9, 0.2)])
    );
    const snapshot = structuredClone(archive);
    const program = deepFreeze(at('c', 0.5, 0.3));

    // Act
    const result = insertProgram(archive, program);

    // Assess
    expect(archive).toEqual(snapshot);
    expect(result.archive.islands[0]?.population).toEqual(['c']);
  });

  it('stores no undefined objectives, so JSON keeps the entry as it is', () => {
    // Prepare
    const program = entry('p1', { objectives: { accuracy: 0.1, satisfaction: undefined } });

    // Act
    const { archive } = insertProgram(twoCells(), program);

    // Assess
    expect(Object.keys(archive.programs.p1?.objectives ?? {})).toEqual(['accuracy']);
  });
});
