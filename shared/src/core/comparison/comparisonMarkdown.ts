import type { ComparedFigure, Comparison } from './compareStrategies.js';
import { COMPARED_FIGURES } from './compareStrategies.js';
import type { MeanInterval } from './statistics.js';

/** Decimals of each figure in the table. */
const COMPARED_FIGURE_DIGITS: Readonly<Record<ComparedFigure, number>> = {
  valNdcg10: 4,
  valHr10: 4,
  testNdcg10: 4,
  testHr10: 4,
  satisfaction: 3,
  coverage: 3,
  trained: 1,
  failed: 1,
  llmTokens: 0,
  trainSeconds: 0,
  usd: 4,
  wallSeconds: 0,
};

/**
 * The comparison as a Markdown section (`## Strategy comparison`): the setup, one row per
 * strategy (mean ± 95 % interval over seeds), the paired tests, the code judge's blind ratings
 * and the notes. What `evolverec compare` prints and the run report embeds.
 */
function comparisonMarkdown(comparison: Comparison): string {
  const figures = Object.keys(COMPARED_FIGURES) as ComparedFigure[];
  const lines = [
    '## Strategy comparison',
    '',
    `${comparison.id}: ${comparison.dataset}, seeds ${comparison.seeds.join(', ')}, ${comparison.candidates} candidates per run after the seed, at most ${comparison.maxEpochs} epochs each, trained on ${comparison.device}. Every figure is the judge's: validation over the held-out users, test of each run's best program (and of its seed) scored once. Mean ± 95 % interval over seeds (Student's t).`,
    '',
    `| strategy | runs | ${figures.map((name) => COMPARED_FIGURES[name].label).join(' | ')} |`,
    `|---|---|${figures.map(() => '---').join('|')}|`,
    ...comparison.rows.map(
      (row) =>
        `| ${row.strategy} | ${row.runs} | ${figures.map((name) => formatInterval(row.figures[name] ?? null, COMPARED_FIGURE_DIGITS[name])).join(' | ')} |`
    ),
  ];
  if (comparison.tests.length > 0) {
    lines.push(
      '',
      'Paired t-tests over seeds (strategy minus reference, best program of each run):',
      '',
      '| strategy | against | figure | seeds | difference | t | p |',
      '|---|---|---|---|---|---|---|',
      ...comparison.tests.map(
        (test) =>
          `| ${test.strategy} | ${test.against} | ${COMPARED_FIGURES[test.figure].label} | ${test.n} | ${formatInterval({ mean: test.meanDifference, halfWidth: test.halfWidth, n: test.n }, 4, true)} | ${formatOptional(test.t, 2)} | ${formatOptional(test.pValue, 3)} |`
      )
    );
  }
  const judge = comparison.codeJudge;
  if (judge !== undefined) {
    lines.push(
      '',
      `Code judge (${judge.model}, programs shown blind as diffs from the seed; 1–5):`,
      '',
      '| program | strategy | creativity | explicitness | insight | personalisation | mean |',
      '|---|---|---|---|---|---|---|',
      ...judge.programs.map(
        (program) =>
          `| ${program.label} | ${program.strategy} | ${program.ratings.creativity.score} | ${program.ratings.explicitness.score} | ${program.ratings.insight.score} | ${program.ratings.personalisation.score} | ${program.mean.toFixed(2)} |`
      ),
      '',
      ...judge.programs.flatMap((program) =>
        Object.entries(program.ratings).map(
          ([criterion, rating]) => `- ${program.label} ${criterion}: ${rating.reason}`
        )
      )
    );
  }
  if (comparison.notes.length > 0) {
    lines.push('', ...comparison.notes.map((note) => `- ${note}`));
  }
  return `${lines.join('\n')}\n`;
}

/** `mean ± half-width` at `digits` decimals; `-` when there is no value. */
function formatInterval(value: MeanInterval | null, digits: number, signed = false): string {
  if (value === null) return '-';
  const sign = signed && value.mean > 0 ? '+' : '';
  const mean = `${sign}${value.mean.toFixed(digits)}`;
  return value.halfWidth === null ? mean : `${mean} ± ${value.halfWidth.toFixed(digits)}`;
}

/** The value at `digits` decimals; `-` when null. */
function formatOptional(value: number | null, digits: number): string {
  return value === null ? '-' : value.toFixed(digits);
}

export { COMPARED_FIGURE_DIGITS, comparisonMarkdown, formatInterval, formatOptional };
