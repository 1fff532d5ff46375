import { z } from 'zod';
import type { StrategyName } from '../evolution/index.js';
import { strategyNameSchema } from '../evolution/index.js';
import type { CodeJudgement } from './codeJudgement.js';
import { codeJudgementSchema } from './codeJudgement.js';
import type { MeanInterval } from './statistics.js';
import { meanInterval, pairedTest } from './statistics.js';
import type { StrategyRun } from './strategyRun.js';
import { strategyRunSchema } from './strategyRun.js';

/** What each strategy's row reports, and how to read it off one run. */
const COMPARED_FIGURES = {
  valNdcg10: { label: 'best val NDCG@10', of: (run: StrategyRun) => run.best?.validation.ndcg10 },
  valHr10: { label: 'best val HR@10', of: (run: StrategyRun) => run.best?.validation.hr10 },
  testNdcg10: { label: 'test NDCG@10', of: (run: StrategyRun) => run.best?.test?.ndcg10 },
  testHr10: { label: 'test HR@10', of: (run: StrategyRun) => run.best?.test?.hr10 },
  satisfaction: { label: 'satisfaction', of: (run: StrategyRun) => run.best?.satisfaction },
  coverage: { label: 'coverage', of: (run: StrategyRun) => run.best?.coverage },
  trained: { label: 'trained', of: (run: StrategyRun) => run.trained },
  failed: { label: 'failed', of: (run: StrategyRun) => run.failed },
  llmTokens: { label: 'LLM tokens', of: (run: StrategyRun) => run.llmTokens },
  trainSeconds: { label: 'train s', of: (run: StrategyRun) => run.trainSeconds },
  usd: { label: 'USD', of: (run: StrategyRun) => run.usd },
  wallSeconds: { label: 'wall s', of: (run: StrategyRun) => run.wallSeconds },
} as const;

type ComparedFigure = keyof typeof COMPARED_FIGURES;
const COMPARED_FIGURE_NAMES = Object.keys(COMPARED_FIGURES) as [
  ComparedFigure,
  ...ComparedFigure[],
];

/** The figures a paired test is run on: the best program's, by seed. */
const TESTED_FIGURES = ['testNdcg10', 'valNdcg10'] as const satisfies readonly ComparedFigure[];
type TestedFigure = (typeof TESTED_FIGURES)[number];

/** The strategy every other is tested against, when it is compared. */
const REFERENCE_STRATEGY: StrategyName = 'nas';

const intervalSchema = z
  .object({ mean: z.number(), halfWidth: z.number().nullable(), n: z.int().min(1) })
  .strict();

const strategyRowSchema = z
  .object({
    strategy: strategyNameSchema,
    runs: z.int().min(0),
    /** Mean ± 95 % interval over the runs that have the figure; null when none has it. */
    figures: z.record(z.enum(COMPARED_FIGURE_NAMES), intervalSchema.nullable()),
  })
  .strict();

/**
 * A strategy's best program against `nas`'s best (same seed), or against its own run's seed
 * program: the paired difference, strategy minus reference.
 */
const pairedComparisonSchema = z
  .object({
    strategy: strategyNameSchema,
    against: z.enum(['nas', 'seed']),
    figure: z.enum(TESTED_FIGURES),
    n: z.int().min(1),
    meanDifference: z.number(),
    halfWidth: z.number().nullable(),
    t: z.number().nullable(),
    pValue: z.number().nullable(),
  })
  .strict();

/** What a comparison was asked to hold equal. */
const comparisonSetupSchema = z
  .object({
    id: z.string().min(1),
    dataset: z.string().min(1),
    strategies: z.array(strategyNameSchema),
    seeds: z.array(z.int().min(0)),
    /** Candidates after the seed, per run. */
    candidates: z.int().min(1),
    maxEpochs: z.int().min(1),
    /** Where the harness trained (`cpu`, `cuda:…`). */
    device: z.string(),
  })
  .strict();

/** A comparison as report.json and comparison.json hold it. */
const comparisonSchema = comparisonSetupSchema
  .extend({
    rows: z.array(strategyRowSchema),
    tests: z.array(pairedComparisonSchema),
    runs: z.array(strategyRunSchema),
    /** The judge role's blind reading of each strategy's best program, when an LLM was there. */
    codeJudge: codeJudgementSchema.optional(),
    /** What is missing and why (a strategy not run, the code judge not run, …). */
    notes: z.array(z.string()),
  })
  .strict();

type StrategyRow = z.infer<typeof strategyRowSchema>;
type PairedComparison = z.infer<typeof pairedComparisonSchema>;
type ComparisonSetup = z.infer<typeof comparisonSetupSchema>;
type Comparison = z.infer<typeof comparisonSchema>;

/**
 * The comparison of runs of several strategies on the same data, users, candidate budget and
 * seeds: each strategy's figures as mean ± 95 % interval over its seeds, and a paired t-test
 * over seeds of each strategy against `nas` and against its seed program, on test and
 * validation NDCG@10. Pure: every figure comes from the runs given.
 */
function compareStrategies(
  setup: ComparisonSetup,
  runs: readonly StrategyRun[],
  extra: { readonly codeJudge?: CodeJudgement; readonly notes?: readonly string[] } = {}
): Comparison {
  const runsOf = (strategy: StrategyName) => runs.filter((run) => run.strategy === strategy);
  const rows = setup.strategies.map((strategy): StrategyRow => {
    const own = runsOf(strategy);
    const figures = Object.fromEntries(
      Object.entries(COMPARED_FIGURES).map(([name, figure]) => {
        const values = own.flatMap((run) => {
          const value = figure.of(run);
          return value === undefined ? [] : [value];
        });
        return [name, values.length === 0 ? null : meanInterval(values)];
      })
    ) as Record<ComparedFigure, MeanInterval | null>;
    return { strategy, runs: own.length, figures };
  });
  const tests = setup.strategies.flatMap((strategy) =>
    TESTED_FIGURES.flatMap((figure) => [
      ...(strategy === REFERENCE_STRATEGY || !setup.strategies.includes(REFERENCE_STRATEGY)
        ? []
        : againstReference(strategy, figure, runsOf(strategy), runsOf(REFERENCE_STRATEGY))),
      ...againstSeed(strategy, figure, runsOf(strategy)),
    ])
  );
  return {
    ...setup,
    rows,
    tests,
    runs: [...runs],
    ...(extra.codeJudge === undefined ? {} : { codeJudge: extra.codeJudge }),
    notes: [...(extra.notes ?? [])],
  };
}

function againstReference(
  strategy: StrategyName,
  figure: TestedFigure,
  own: readonly StrategyRun[],
  reference: readonly StrategyRun[]
): PairedComparison[] {
  const pairs = own.flatMap((run) => {
    const other = reference.find((candidate) => candidate.randomSeed === run.randomSeed);
    const [a, b] = [COMPARED_FIGURES[figure].of(run), other && COMPARED_FIGURES[figure].of(other)];
    return a === undefined || b === undefined ? [] : [[a, b] as const];
  });
  if (pairs.length === 0) return [];
  const test = pairedTest(
    pairs.map(([a]) => a),
    pairs.map(([, b]) => b)
  );
  return [{ strategy, against: 'nas', figure, ...test }];
}

function againstSeed(
  strategy: StrategyName,
  figure: TestedFigure,
  own: readonly StrategyRun[]
): PairedComparison[] {
  const split = figure === 'testNdcg10' ? 'test' : 'validation';
  const pairs = own.flatMap((run) => {
    const [a, b] = [COMPARED_FIGURES[figure].of(run), run.seed?.[split]?.ndcg10];
    return a === undefined || b === undefined ? [] : [[a, b] as const];
  });
  if (pairs.length === 0) return [];
  const test = pairedTest(
    pairs.map(([a]) => a),
    pairs.map(([, b]) => b)
  );
  return [{ strategy, against: 'seed', figure, ...test }];
}

export type {
  ComparedFigure,
  Comparison,
  ComparisonSetup,
  PairedComparison,
  StrategyRow,
  TestedFigure,
};
export {
  COMPARED_FIGURES,
  compareStrategies,
  comparisonSchema,
  REFERENCE_STRATEGY,
  TESTED_FIGURES,
};
