import type { EvaluationResult } from './evaluationResult.js';

const CUTOFFS = [5, 10, 20] as const;
/** Lines of the trainer's log tail worth showing in a terminal. */
const LOG_TAIL_LINES = 20;

/** A short human report of one evaluation, for a terminal. */
function formatEvaluation(result: EvaluationResult, outDir: string): string {
  const header = ['', ...CUTOFFS.flatMap((k) => [`HR@${k}`, `NDCG@${k}`])];
  const splits = ['val', 'test'].filter((split) => `${split}_ndcg@10` in result.metrics);
  const table = [
    header,
    ...splits.map((split) => [
      split,
      ...CUTOFFS.flatMap((k) => [
        metric(result, `${split}_hr@${k}`),
        metric(result, `${split}_ndcg@${k}`),
      ]),
    ]),
  ];
  const { dataset, seconds } = result;
  const lines = [
    `status   ${describeStatus(result)}`,
    ...(splits.length > 0 ? ['', ...alignColumns(table), ''] : []),
    `epochs   ${result.epochs} (best ${result.bestEpoch}), ${seconds.perEpoch.toFixed(2)} s/epoch, ${seconds.total.toFixed(1)} s total`,
    `params   ${result.parameters.toLocaleString('en-US')}`,
    `device   ${result.device}`,
    `dataset  ${dataset.name} (${dataset.users} users, ${dataset.items} items, ${dataset.view} view)`,
    `output   ${outDir}`,
  ];
  if (result.status === 'failed') {
    const tail = result.error.logTail.trimEnd().split('\n').slice(-LOG_TAIL_LINES);
    lines.push('', 'log tail:', ...tail.map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

function describeStatus(result: EvaluationResult): string {
  if (result.status === 'failed') {
    return `failed (${result.error.kind}): ${result.error.message}`;
  }
  const score = `validation NDCG@10 ${result.combinedScore.toFixed(4)}`;
  return result.correct ? `ok, ${score}` : `ok but not correct, ${score}`;
}

function metric(result: EvaluationResult, name: string): string {
  const value = result.metrics[name];
  return value === undefined ? '-' : value.toFixed(4);
}

/** Left-aligns the first column and right-aligns the rest. */
function alignColumns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]?.map((_, column) =>
    Math.max(...rows.map((row) => row[column]?.length ?? 0))
  );
  return rows.map((row) =>
    row
      .map((cell, column) => {
        const width = widths?.[column] ?? 0;
        return column === 0 ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('  ')
      .trimEnd()
  );
}

export { formatEvaluation };
