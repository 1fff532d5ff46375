import type { EvaluationResult } from '../../shared/src/core/evaluation/index.js';
import type { JudgeResult } from '../../shared/src/core/judging/index.js';

/** A realistic successful metrics.json of the seed on ml-1m, validation only. */
function okResult(): Extract<EvaluationResult, { status: 'ok' }> {
  return {
    schemaVersion: 1,
    status: 'ok',
    correct: true,
    combinedScore: 0.1402,
    metrics: {
      'val_hr@5': 0.1831,
      'val_ndcg@5': 0.1198,
      'val_hr@10': 0.2642,
      'val_ndcg@10': 0.1402,
      'val_hr@20': 0.3705,
      'val_ndcg@20': 0.1669,
    },
    curve: [
      { epoch: 1, loss: 1.21, valNdcg10: 0.051, seconds: 14.2 },
      { epoch: 2, loss: 0.93, valNdcg10: 0.098, seconds: 14.0 },
    ],
    parameters: 330_624,
    epochs: 2,
    bestEpoch: 2,
    seconds: { total: 35.1, train: 28.2, perEpoch: 14.1, evaluate: 5.3, export: 1.6 },
    device: 'cpu',
    dataset: { name: 'ml-1m', users: 6040, items: 3416, view: 'candidate' },
    artifacts: { onnx: 'model.onnx', manifest: 'model.json', checkpoint: 'model.pt' },
  };
}

/** A candidate that went NaN in its first epoch. */
function failedResult(): Extract<EvaluationResult, { status: 'failed' }> {
  return {
    ...okResult(),
    status: 'failed',
    correct: false,
    combinedScore: 0,
    metrics: {},
    curve: [],
    epochs: 1,
    bestEpoch: 0,
    error: {
      kind: 'nan',
      message: 'loss became NaN at epoch 1, step 12',
      logTail: 'epoch 1 step 11 loss 3.2e+08\nepoch 1 step 12 loss nan\n',
    },
    artifacts: undefined,
  };
}

export { failedResult, okResult };

/** The judge's verdict on a model: figures over `users` held-out users, the job's beside them. */
function okVerdict(
  metrics: Readonly<Record<string, number>> = { 'val_hr@10': 0.25, 'val_ndcg@10': 0.1301 },
  options: { readonly jobNdcg?: number; readonly judgeTuningNdcg?: number } = {}
): Extract<JudgeResult, { status: 'ok' }> {
  const split = Object.keys(metrics).some((name) => name.startsWith('test_')) ? 'test' : 'val';
  const tuning = options.judgeTuningNdcg ?? 0.1399;
  const job = options.jobNdcg ?? 0.1402;
  return {
    schemaVersion: 1,
    status: 'ok',
    split,
    metrics,
    users: 3010,
    ...(split === 'val'
      ? {
          tuning: { metrics: { 'val_ndcg@10': tuning }, users: 3030 },
          agreement: {
            metric: 'val_ndcg@10',
            job,
            judge: tuning,
            tolerance: 0.005,
            agrees: Math.abs(job - tuning) <= 0.005,
          },
        }
      : {}),
    seconds: { load: 0.4, score: 2.1 },
  };
}

export { okVerdict };
