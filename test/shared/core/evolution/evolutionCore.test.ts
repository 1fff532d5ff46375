import { describe, expect, it } from 'vitest';
import { createArchive, insertProgram } from '../../../../shared/src/core/archive/index.js';
import type {
  CandidateOutcome,
  ProgramRecord,
} from '../../../../shared/src/core/evolution/index.js';
import {
  archiveEntryFor,
  planGeneration,
  recordGeneration,
  recordSeed,
  runConfigSchema,
  startRunState,
  strategyTraits,
} from '../../../../shared/src/core/evolution/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';

const llm = {
  models: { proposer: 'm', coder: 'm', simulator: 'm', judge: 'm' },
  prices: { m: { inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 1 } },
  contextTokens: { m: 128_000 },
};

function record(id: string, generation: number, fitness?: number): ProgramRecord {
  return {
    id,
    generation,
    island: 0,
    parentId: generation === 0 ? null : 'g000-seed',
    inspirationIds: [],
    status: fitness === undefined ? 'failed' : 'ok',
    ...(fitness === undefined
      ? { failure: { stage: 'train' as const, reason: 'nan: loss became NaN' } }
      : {}),
    metrics: fitness === undefined ? {} : { 'val_ndcg@10': fitness },
    features: {},
    repairs: [],
    usd: 0.01,
    trainSeconds: 10,
    createdAt: '2026-11-26T00:00:00.000Z',
  };
}

function outcome(id: string, generation: number, fitness?: number): CandidateOutcome {
  const base = record(id, generation, fitness);
  return {
    record: base,
    ledger: [{ kind: 'gpu', usd: 0.01, at: base.createdAt, programId: id, seconds: 10 }],
    ...(fitness === undefined ? {} : { entry: archiveEntryFor(base, base.metrics, 100) }),
  };
}

describe('runConfigSchema', () => {
  it('fills defaults for a nas run', () => {
    // Act
    const config = runConfigSchema.parse({ strategy: 'nas', dataset: 'ml-100k' });

    // Assert
    expect(config).toMatchObject({
      seedProgram: 'programs/sasrec',
      generations: 5,
      candidatesPerGeneration: 4,
      proposal: { repairAttempts: 3, correctiveRetries: 1, duplicateSimilarity: 0.999 },
      archive: { islands: 3 },
    });
  });

  it.each([
    [{ strategy: 'scalar-llm', dataset: 'ml-1m' }, 'llm'],
    [{ strategy: 'evolve-harder', dataset: 'ml-1m' }, 'strategy'],
    [
      { strategy: 'nas', dataset: 'ml-1m', proposal: { repairAttempts: -1 } },
      'proposal.repairAttempts',
    ],
    [{ strategy: 'nas', dataset: 'ml-1m', feedback: { simulator: 'llm' } }, 'feedback.simulator'],
    [
      {
        strategy: 'nas',
        dataset: 'ml-1m',
        archive: { sampling: { explore: 0.5, exploit: 0.5, random: 0.5 } },
      },
      'archive.sampling',
    ],
  ])('names the field of a bad config (%j)', (input, field) => {
    // Act
    const parsed = runConfigSchema.safeParse(input);

    // Assert
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toContain(field);
  });

  it('accepts an llm strategy with an llm section', () => {
    expect(
      runConfigSchema.safeParse({ strategy: 'self-evolverec', dataset: 'ml-1m', llm }).success
    ).toBe(true);
  });
});

describe('planGeneration', () => {
  const archive = [0.05, 0.08, 0.11, 0.07].reduce(
    (state, fitness, index) =>
      insertProgram(
        state,
        archiveEntryFor(
          { id: `p${index}`, island: index % 2, generation: index, parentId: null },
          { 'val_ndcg@10': fitness },
          100 + index
        )
      ).archive,
    createArchive({ islands: 2 })
  );

  it('shares the islands round-robin and plans the same generation for the same seed', () => {
    // Act
    const first = planGeneration(
      archive,
      strategyTraits('scalar-llm'),
      { generation: 3, count: 4, seedProgramId: 'p0' },
      createRng('s/3')
    );
    const again = planGeneration(
      archive,
      strategyTraits('scalar-llm'),
      { generation: 3, count: 4, seedProgramId: 'p0' },
      createRng('s/3')
    );

    // Assert
    expect(first.map((plan) => [plan.id, plan.island])).toEqual([
      ['g003-c00', 0],
      ['g003-c01', 1],
      ['g003-c02', 0],
      ['g003-c03', 1],
    ]);
    expect(again).toEqual(first);
    for (const plan of first) {
      expect(plan.inspirationIds).not.toContain(plan.parentId);
      expect(plan.inspirationIds.length).toBeGreaterThan(0);
    }
  });

  it('gives best-of-n the seed as every parent and no inspirations; nas no inspirations', () => {
    // Act
    const bestOfN = planGeneration(
      archive,
      strategyTraits('best-of-n'),
      { generation: 1, count: 3, seedProgramId: 'p0' },
      createRng(1)
    );
    const nas = planGeneration(
      archive,
      strategyTraits('nas'),
      { generation: 1, count: 3, seedProgramId: 'p0' },
      createRng(1)
    );

    // Assert
    expect(
      bestOfN.every((plan) => plan.parentId === 'p0' && plan.inspirationIds.length === 0)
    ).toBe(true);
    expect(nas.every((plan) => plan.inspirationIds.length === 0)).toBe(true);
  });
});

describe('archiveEntryFor', () => {
  it('keeps validation metrics, complexity and feedback figures as features, never test metrics', () => {
    // Act
    const entry = archiveEntryFor(
      { id: 'g001-c00', island: 1, generation: 1, parentId: 'g000-seed' },
      { 'val_ndcg@10': 0.09, 'val_hr@10': 0.17, 'test_ndcg@10': 0.08 },
      412,
      { satisfaction: 0.6, coverage: 0.3 }
    );

    // Assert
    expect(entry.fitness).toBe(0.09);
    expect(entry.features).toEqual({
      'val_ndcg@10': 0.09,
      'val_hr@10': 0.17,
      complexity: 412,
      satisfaction: 0.6,
      coverage: 0.3,
    });
    expect(entry.objectives).toEqual({ accuracy: 0.09, satisfaction: 0.6, coverage: 0.3 });
  });
});

describe('recordGeneration', () => {
  const config = runConfigSchema.parse({
    strategy: 'nas',
    dataset: 'ml-100k',
    archive: { islands: 1 },
  });
  const seeded = recordSeed(
    startRunState('run', config, '2026-11-26T00:00:00.000Z'),
    outcome('g000-seed', 0, 0.08)
  );

  it('records candidates in id order, the failed ones outside the archive', () => {
    // Act
    const { state } = recordGeneration(seeded, 1, [
      outcome('g001-c01', 1, 0.09),
      outcome('g001-c00', 1),
    ]);

    // Assert
    expect(state.programs.map((program) => [program.id, program.status])).toEqual([
      ['g000-seed', 'ok'],
      ['g001-c00', 'failed'],
      ['g001-c01', 'ok'],
    ]);
    expect(Object.keys(state.archive.programs).sort()).toEqual(['g000-seed', 'g001-c01']);
    expect(state.candidatesTried).toBe(2);
    expect(state.generation).toBe(1);
    expect(state.ledger).toHaveLength(3);
  });

  it('changes nothing when the same generation is recorded again (a retried step)', () => {
    // Prepare
    const outcomes = [outcome('g001-c00', 1, 0.07), outcome('g001-c01', 1, 0.09)];
    const once = recordGeneration(seeded, 1, outcomes).state;

    // Act
    const twice = recordGeneration(once, 1, outcomes).state;

    // Assert
    expect(twice).toEqual(once);
  });
});
