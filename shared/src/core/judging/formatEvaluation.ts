import type { EvaluationOfRecord } from './evaluationOfRecord.js';
import { describeDisagreement } from './judgeResult.js';
import { CUTOFFS } from './rankingMetrics.js';

/** Lines of the trainer's log tail worth showing in a terminal. */
const LOG_TAIL_LINES = 20;

/** A short human report of one program's evaluation, for a terminal. */
function formatEvaluation(evaluation: EvaluationOfRecord, outDir: string): string {
  const { job } = evaluation;
  const header = ['', ...CUTOFFS.flatMap((k) => [`HR@${k}`, `NDCG@${k}`])];
  const splits = ['val', 'test'].filter((split) => `${split}_ndcg@10` in evaluation.metrics);
  const table = [
    header,
    ...splits.map((split) => [
      split,
      ...CUTOFFS.flatMap((k) => [
        metric(evaluation.metrics, `${split}_hr@${k}`),
        metric(evaluation.metrics, `${split}_ndcg@${k}`),
      ]),
    ]),
  ];
  const { dataset, seconds } = job;
  const lines = [
    `status   ${describeStatus(evaluation)}`,
    ...(splits.length > 0 ? ['', ...alignColumns(table), ''] : []),
    ...judgeLines(evaluation),
    `epochs   ${job.epochs} (best ${job.bestEpoch}), ${seconds.perEpoch.toFixed(2)} s/epoch, ${seconds.total.toFixed(1)} s total`,
    `params   ${job.parameters.toLocaleString('en-US')}`,
    `device   ${job.device}`,
    `dataset  ${dataset.name} (${dataset.users} users, ${dataset.items} items)`,
    `output   ${outDir}`,
  ];
  if (evaluation.failure?.stage === 'train' && job.status === 'failed') {
    const tail = job.error.logTail.trimEnd().split('\n').slice(-LOG_TAIL_LINES);
    lines.push('', 'log tail:', ...tail.map((line) => `  ${line}`));
  }
  return `${lines.join('\n')}\n`;
}

function describeStatus(evaluation: EvaluationOfRecord): string {
  const { failure } = evaluation;
  if (failure !== undefined) {
    const where = failure.stage === 'judge' ? 'by the judge ' : '';
    return `failed ${where}(${failure.kind}): ${failure.message}`;
  }
  const users = evaluation.judge.val?.status === 'ok' ? evaluation.judge.val.users : 0;
  return `ok, validation NDCG@10 ${evaluation.combinedScore.toFixed(4)} (the judge, ${users} held-out users)`;
}

/** What the job said of itself, beside the judge's figures on the same users. */
function judgeLines(evaluation: EvaluationOfRecord): string[] {
  const verdict = evaluation.judge.val;
  if (verdict?.status !== 'ok' || verdict.agreement === undefined) return [];
  const { agreement } = verdict;
  const users = verdict.tuning?.users ?? 0;
  const line = agreement.agrees
    ? `job      ${agreement.metric} ${agreement.job.toFixed(4)} on its ${users} tuning users; the judge agrees (${agreement.judge.toFixed(4)})`
    : `job      DISAGREES: ${describeDisagreement(agreement)}`;
  return [line];
}

function metric(metrics: Readonly<Record<string, number>>, name: string): string {
  const value = metrics[name];
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
