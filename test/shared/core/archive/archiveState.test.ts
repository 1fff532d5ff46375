import { describe, expect, it } from 'vitest';
import type {
  ArchiveConfigInput,
  ArchiveState,
} from '../../../../shared/src/core/archive/index.js';
import {
  archiveStateSchema,
  bestProgram,
  createArchive,
  insertProgram,
  migrate,
} from '../../../../shared/src/core/archive/index.js';
import { parseContract } from '../../../../shared/src/core/contracts/index.js';
import type { Rng } from '../../../../shared/src/core/random/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';
import { ContractViolationError } from '../../../../shared/src/errors.js';
import { entry } from './entries.js';

/** A program as the record step would insert it: uuid ids, the metrics a report shows. */
const evaluated = (rng: Rng, index: number, islands: number) => {
  const id = (n: number) => `${n.toString(16).padStart(8, '0')}-7c1e-4b2a-9f3d-0a6e5b4c3d2e`;
  const ndcg = 0.02 + rng.float() * 0.08;
  return entry(id(index), {
    island: index % islands,
    generation: Math.floor(index / 12),
    parentId: index === 0 ? null : id(rng.int(index)),
    fitness: ndcg,
    features: {
      'val_ndcg@10': ndcg,
      'val_hr@10': ndcg * 1.9,
      satisfaction: rng.float(),
      complexity: 200 + rng.int(800),
      coverage: rng.float(),
    },
    objectives: { accuracy: ndcg, satisfaction: rng.float(), coverage: rng.float() },
  });
};

const runOf = (programs: number, config: ArchiveConfigInput = {}) => {
  const rng = createRng('compact');
  let archive = createArchive(config);
  for (let index = 0; index < programs; index += 1) {
    archive = insertProgram(archive, evaluated(rng, index, archive.islands.length)).archive;
    archive = migrate(archive, Math.floor(index / 12)).archive;
  }
  return archive;
};

describe('archive state', () => {
  it('survives JSON.stringify and JSON.parse unchanged and still validates', () => {
    // Prepare
    const archive = runOf(120, { populationSize: 10 });

    // Act
    const restored = parseContract(
      archiveStateSchema,
      JSON.parse(JSON.stringify(archive)),
      'archive state'
    );

    // Assess
    expect(restored).toEqual(archive);
    expect(JSON.stringify(restored)).toBe(JSON.stringify(archive));
  });

  it('stays far below 400 KB after 500 programs, and below it when nothing is evicted', () => {
    // Prepare / Act
    const capped = runOf(500);
    const everything = runOf(500, { populationSize: 500 });

    // Assess
    expect(Object.keys(everything.programs)).toHaveLength(500);
    // About 0.5 KB per retained program; the default caps retain at most 3 × 50 + 20 of them.
    expect(JSON.stringify(capped).length).toBeLessThan(100_000);
    expect(JSON.stringify(everything).length).toBeLessThan(300_000);
  });

  it.each<[string, (state: ArchiveState) => unknown, string]>([
    [
      'a dangling id',
      (state) => ({ ...state, elites: [...state.elites, 'ghost'] }),
      'lacks referenced program ghost',
    ],
    [
      'an orphan program',
      (state) => ({ ...state, programs: { ...state.programs, stray: entry('stray') } }),
      'programs.stray: is referenced by no island or elite',
    ],
    [
      'a missing island',
      (state) => ({ ...state, islands: state.islands.slice(1) }),
      'islands: expected 3 islands, got 2',
    ],
    [
      'a twice-listed member',
      (state) => ({
        ...state,
        islands: state.islands.map((island) => ({
          population: [...island.population, ...island.population.slice(0, 1)],
        })),
      }),
      'islands.0.population: lists a program twice',
    ],
  ])('rejects a stored state with %s', (_, corrupt, message) => {
    // Prepare
    const stored = corrupt(runOf(10));

    // Act
    const act = () => parseContract(archiveStateSchema, stored, 'archive state');

    // Assess
    expect(act).toThrow(ContractViolationError);
    expect(act).toThrow(message);
  });
});

describe('bestProgram', () => {
  it('breaks fitness ties by the older generation, then the smaller id', () => {
    // Prepare
    let archive = createArchive({ islands: 1 });
    for (const [id, generation] of [
      ['z-old', 1],
      ['b-new', 2],
      ['a-new', 2],
    ] as const) {
      archive = insertProgram(archive, entry(id, { fitness: 0.5, generation })).archive;
    }
    archive = insertProgram(archive, entry('a-older', { fitness: 0.5, generation: 1 })).archive;

    // Act
    const best = bestProgram(archive);

    // Assess
    expect(best?.programId).toBe('a-older');
    expect(bestProgram(createArchive())).toBeUndefined();
  });
});
