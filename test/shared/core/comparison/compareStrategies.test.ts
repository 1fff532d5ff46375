import { describe, expect, it } from 'vitest';
import type { StrategyRun } from '../../../../shared/src/core/comparison/index.js';
import {
  compareStrategies,
  comparisonMarkdown,
  comparisonSchema,
} from '../../../../shared/src/core/comparison/index.js';
import type { StrategyName } from '../../../../shared/src/core/evolution/index.js';

function run(strategy: StrategyName, randomSeed: number, best: number, seed = 0.05): StrategyRun {
  return {
    strategy,
    randomSeed,
    runId: `c-${strategy}-s${randomSeed}`,
    status: 'finished',
    best: {
      programId: 'g001-c00',
      validation: { ndcg10: best + 0.01, hr10: 2 * best },
      test: { ndcg10: best, hr10: 2 * best + 0.01 },
      satisfaction: 0.3,
      coverage: 0.2,
    },
    seed: {
      programId: 'g000-seed',
      validation: { ndcg10: seed + 0.01, hr10: 0.1 },
      test: { ndcg10: seed, hr10: 0.1 },
    },
    trained: 3,
    failed: 1,
    llmTokens: 0,
    trainSeconds: 100,
    usd: 0.01,
    wallSeconds: 200,
  };
}

const setup = {
  id: 'c',
  dataset: 'ml-100k',
  strategies: ['nas', 'directional-nas'] as StrategyName[],
  seeds: [0, 1, 2],
  candidates: 4,
  maxEpochs: 5,
  device: 'cpu',
};

describe('compareStrategies', () => {
  it('reports each strategy as mean ± interval over its seeds', () => {
    // Prepare
    const runs = [0.06, 0.07, 0.08].flatMap((best, seed) => [
      run('nas', seed, best),
      run('directional-nas', seed, best + 0.01),
    ]);

    // Act
    const comparison = compareStrategies(setup, runs);

    // Assess
    const [nas, directional] = comparison.rows;
    expect(nas?.strategy).toBe('nas');
    expect(nas?.runs).toBe(3);
    expect(nas?.figures.testNdcg10?.mean).toBeCloseTo(0.07, 10);
    expect(directional?.figures.testNdcg10?.mean).toBeCloseTo(0.08, 10);
    expect(directional?.figures.valNdcg10?.mean).toBeCloseTo(0.09, 10);
    expect(nas?.figures.failed).toEqual({ mean: 1, halfWidth: 0, n: 3 });
    expect(comparisonSchema.parse(comparison)).toEqual(comparison);
  });

  it('pairs each strategy with nas by seed, and every strategy with its own seed program', () => {
    // Prepare: directional-nas beats nas by 0.01, 0.02, 0.03 on test
    const runs = [
      run('nas', 0, 0.06),
      run('nas', 1, 0.07),
      run('nas', 2, 0.08),
      run('directional-nas', 2, 0.11),
      run('directional-nas', 0, 0.07),
      run('directional-nas', 1, 0.09),
    ];

    // Act
    const { tests } = compareStrategies(setup, runs);

    // Assess
    const versusNas = tests.find(
      (test) =>
        test.strategy === 'directional-nas' &&
        test.against === 'nas' &&
        test.figure === 'testNdcg10'
    );
    expect(versusNas?.n).toBe(3);
    expect(versusNas?.meanDifference).toBeCloseTo(0.02, 10);
    expect(versusNas?.t).toBeCloseTo(3.4641, 3);
    expect(tests.filter((test) => test.strategy === 'nas' && test.against === 'nas')).toEqual([]);
    const nasVersusSeed = tests.find(
      (test) => test.strategy === 'nas' && test.against === 'seed' && test.figure === 'testNdcg10'
    );
    expect(nasVersusSeed?.meanDifference).toBeCloseTo(0.02, 10);
    expect(tests).toHaveLength(6);
  });

  it('leaves out a figure no run has, and a pairing without a partner', () => {
    // Prepare: a run whose best has no test verdict, and no nas run for seed 1
    const untested = {
      ...run('directional-nas', 1, 0.1),
      best: { ...run('nas', 1, 0.1).best, test: undefined },
    };
    const runs = [run('nas', 0, 0.06), run('directional-nas', 0, 0.08), untested as StrategyRun];

    // Act
    const comparison = compareStrategies(setup, runs, { notes: ['best-of-n not run: no LLM'] });

    // Assess
    const directional = comparison.rows[1];
    expect(directional?.figures.testNdcg10).toEqual({ mean: 0.08, halfWidth: null, n: 1 });
    expect(directional?.figures.valNdcg10?.n).toBe(2);
    const versusNas = comparison.tests.filter((test) => test.against === 'nas');
    expect(versusNas.map((test) => [test.figure, test.n])).toEqual([
      ['testNdcg10', 1],
      ['valNdcg10', 1],
    ]);
    expect(comparison.notes).toEqual(['best-of-n not run: no LLM']);
  });
});

describe('comparisonMarkdown', () => {
  it('prints one row per strategy, the paired tests and the notes', () => {
    // Prepare
    const runs = [0.06, 0.07, 0.08].flatMap((best, seed) => [
      run('nas', seed, best),
      run('directional-nas', seed, best + 0.01 * (seed + 1)),
    ]);

    // Act
    const text = comparisonMarkdown(compareStrategies(setup, runs, { notes: ['a note'] }));

    // Assess
    expect(text).toMatch(/^## Strategy comparison/);
    expect(text).toContain('| nas | 3 | 0.0800 ± 0.0248 |');
    expect(text).toMatch(
      /\| directional-nas \| nas \| test NDCG@10 \| 3 \| \+0\.0200 ± 0\.0248 \| 3\.46 \| 0\.074 \|/
    );
    expect(text).toContain('- a note');
  });
});
