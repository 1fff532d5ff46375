import type { PreparedView } from '../core/dataset/index.js';
import type { JudgeCases, JudgeResult, JudgeSplit } from '../core/judging/index.js';
import { jobAgreement, judgeCases, rankingMetrics, targetRank } from '../core/judging/index.js';
import type { ScoringModel } from '../core/ranking/index.js';
import { InvalidArgumentError } from '../errors.js';

/** Histories scored per call: bounds the score rows held at once (rows × numItems floats). */
const JUDGE_CHUNK = 256;

interface JudgeModelRequest {
  readonly model: ScoringModel;
  /** The judge view: every held-out and test item. */
  readonly view: PreparedView;
  readonly split: JudgeSplit;
  /** The job's own validation figures, checked against the judge's on the tuning users. */
  readonly jobMetrics?: Readonly<Record<string, number>>;
  /** Seconds spent opening the model and the view, reported with the scoring time. */
  readonly loadSeconds: number;
}

/**
 * The judge's verdict on one exported model: every case of the split ranked by the protocol's
 * rule over the model's full score rows. Scores that are not finite fail the model.
 */
async function judgeModel(request: JudgeModelRequest): Promise<JudgeResult> {
  const { model, view, split } = request;
  const started = performance.now();
  const cases = judgeCases(view, split);
  if (cases.record.targets.length === 0) {
    throw new InvalidArgumentError(`the ${view.view} view of ${view.name} has no ${split} cases`);
  }
  const record = await rankCases(model, cases.record);
  const tuning = cases.tuning === undefined ? undefined : await rankCases(model, cases.tuning);
  const failed = [record, tuning].find((ranked) => ranked?.nonFinite !== undefined);
  if (failed?.nonFinite !== undefined) {
    return {
      schemaVersion: 1,
      status: 'failed',
      split,
      error: {
        kind: 'nan',
        message: `model.onnx gave non-finite scores for ${failed.nonFinite} of ${failed.users} users`,
      },
    };
  }
  const tuningMetrics =
    tuning === undefined || tuning.ranks.length === 0
      ? undefined
      : rankingMetrics(tuning.ranks, 'val');
  const agreement =
    tuningMetrics === undefined || request.jobMetrics === undefined
      ? undefined
      : jobAgreement(request.jobMetrics, tuningMetrics);
  return {
    schemaVersion: 1,
    status: 'ok',
    split,
    metrics: rankingMetrics(record.ranks, split),
    users: record.ranks.length,
    ...(tuningMetrics === undefined || tuning === undefined
      ? {}
      : { tuning: { metrics: tuningMetrics, users: tuning.ranks.length } }),
    ...(agreement === undefined ? {} : { agreement }),
    seconds: { load: request.loadSeconds, score: (performance.now() - started) / 1000 },
  };
}

interface RankedCases {
  readonly ranks: number[];
  readonly users: number;
  /** Users whose score row held a NaN or an infinity; undefined when none did. */
  readonly nonFinite?: number;
}

async function rankCases(model: ScoringModel, cases: JudgeCases): Promise<RankedCases> {
  const ranks: number[] = [];
  let nonFinite = 0;
  for (let start = 0; start < cases.histories.length; start += JUDGE_CHUNK) {
    const histories = cases.histories.slice(start, start + JUDGE_CHUNK);
    const scored = await model.score(histories, { k: 1, includeScores: true });
    scored.users.forEach((user, offset) => {
      const target = cases.targets[start + offset] as number;
      const history = histories[offset] ?? [];
      const rank =
        user.scoreRow === undefined
          ? undefined
          : targetRank(user.scoreRow, target, new Set(history));
      if (rank === undefined) nonFinite += 1;
      else ranks.push(rank);
    });
  }
  return {
    ranks,
    users: cases.histories.length,
    ...(nonFinite > 0 ? { nonFinite } : {}),
  };
}

export type { JudgeModelRequest };
export { judgeModel };
