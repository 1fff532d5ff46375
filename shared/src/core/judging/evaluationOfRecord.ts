import type { EvaluationResult, FailureKind } from '../evaluation/index.js';
import type { JudgeResult } from './judgeResult.js';

/** Why a program has no figures of record: its job failed, or the judge failed its model. */
interface RecordFailure {
  readonly stage: 'train' | 'judge';
  readonly kind: FailureKind;
  readonly message: string;
}

/**
 * One program's evaluation as people read it: the judge's figures of record, with the job's own
 * report and the verdicts behind them.
 */
interface EvaluationOfRecord {
  readonly status: 'ok' | 'failed';
  /** The judge's validation NDCG@10 over held-out users; 0 when failed. */
  readonly combinedScore: number;
  /** `val_*` (held-out users) and, when asked for, `test_*`: all from the judge. */
  readonly metrics: Readonly<Record<string, number>>;
  readonly failure?: RecordFailure;
  /** metrics.json: what the job said of itself (its own figures are not of record). */
  readonly job: EvaluationResult;
  readonly judge: { readonly val?: JudgeResult; readonly test?: JudgeResult };
}

const FITNESS_METRIC = 'val_ndcg@10';

function evaluationOfRecord(
  job: EvaluationResult,
  judge: { readonly val?: JudgeResult; readonly test?: JudgeResult }
): EvaluationOfRecord {
  const failure = failureOf(job, judge);
  if (failure !== undefined) {
    return { status: 'failed', combinedScore: 0, metrics: {}, failure, job, judge };
  }
  const metrics = { ...judgeMetrics(judge.val), ...judgeMetrics(judge.test) };
  return { status: 'ok', combinedScore: metrics[FITNESS_METRIC] ?? 0, metrics, job, judge };
}

function failureOf(
  job: EvaluationResult,
  judge: { readonly val?: JudgeResult; readonly test?: JudgeResult }
): RecordFailure | undefined {
  if (job.status === 'failed') return { stage: 'train', ...job.error };
  for (const verdict of [judge.val, judge.test]) {
    if (verdict?.status === 'failed') return { stage: 'judge', ...verdict.error };
  }
  if (judge.val === undefined) {
    return { stage: 'judge', kind: 'internal', message: 'the model was not judged' };
  }
  return undefined;
}

function judgeMetrics(verdict: JudgeResult | undefined): Readonly<Record<string, number>> {
  return verdict?.status === 'ok' ? verdict.metrics : {};
}

export type { EvaluationOfRecord, RecordFailure };
export { evaluationOfRecord };
