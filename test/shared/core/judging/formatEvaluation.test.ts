import { describe, expect, it } from 'vitest';
import { evaluationOfRecord, formatEvaluation } from '../../../../shared/src/core/judging/index.js';
import { failedResult, okResult, okVerdict } from '../../../helpers/evaluationResults.js';

const VAL = {
  'val_hr@5': 0.1831,
  'val_ndcg@5': 0.1198,
  'val_hr@10': 0.2642,
  'val_ndcg@10': 0.1301,
  'val_hr@20': 0.3705,
  'val_ndcg@20': 0.1669,
};

describe('formatEvaluation', () => {
  it("shows the judge's validation row and the job's figure beside the judge's", () => {
    // Prepare
    const evaluation = evaluationOfRecord(okResult(), { val: okVerdict(VAL) });

    // Act
    const text = formatEvaluation(evaluation, '/tmp/out');

    // Assess
    expect(text).toContain(
      'status   ok, validation NDCG@10 0.1301 (the judge, 3010 held-out users)'
    );
    expect(text).toMatch(/HR@5\s+NDCG@5\s+HR@10\s+NDCG@10\s+HR@20\s+NDCG@20/);
    expect(text).toMatch(/val\s+0\.1831\s+0\.1198\s+0\.2642\s+0\.1301\s+0\.3705\s+0\.1669/);
    expect(text).not.toMatch(/^test/m);
    expect(text).toContain(
      'job      val_ndcg@10 0.1402 on its 3030 tuning users; the judge agrees (0.1399)'
    );
    expect(text).toContain('epochs   2 (best 2), 14.10 s/epoch, 35.1 s total');
    expect(text).toContain('output   /tmp/out');
  });

  it("says so when the job's own figure disagrees with the judge's", () => {
    // Prepare
    const verdict = okVerdict(VAL, { jobNdcg: 0.91, judgeTuningNdcg: 0.0 });

    // Act
    const text = formatEvaluation(evaluationOfRecord(okResult(), { val: verdict }), '/tmp/out');

    // Assess
    expect(text).toContain(
      'job      DISAGREES: the job reported val_ndcg@10 0.9100 on its tuning users; the judge measured 0.0000 on the same users from model.onnx'
    );
  });

  it("adds the judge's test row when the test split was judged", () => {
    // Prepare
    const evaluation = evaluationOfRecord(okResult(), {
      val: okVerdict(VAL),
      test: okVerdict({ 'test_ndcg@10': 0.131 }),
    });

    // Act
    const text = formatEvaluation(evaluation, '/tmp/out');

    // Assess
    expect(text).toMatch(/test\s+-\s+-\s+-\s+0\.1310\s+-\s+-/);
  });

  it('shows the failure kind, message and log tail when the job failed', () => {
    // Prepare / Act
    const text = formatEvaluation(evaluationOfRecord(failedResult(), {}), '/tmp/out');

    // Assess
    expect(text).toContain('status   failed (nan): loss became NaN at epoch 1, step 12');
    expect(text).toContain(
      'log tail:\n  epoch 1 step 11 loss 3.2e+08\n  epoch 1 step 12 loss nan\n'
    );
    expect(text).not.toContain('HR@5');
  });

  it('names the judge when it failed the model, and shows no job log', () => {
    // Prepare
    const evaluation = evaluationOfRecord(okResult(), {
      val: {
        schemaVersion: 1,
        status: 'failed',
        split: 'val',
        error: { kind: 'nan', message: 'model.onnx gave non-finite scores for 3 of 10 users' },
      },
    });

    // Act
    const text = formatEvaluation(evaluation, '/tmp/out');

    // Assess
    expect(evaluation.status).toBe('failed');
    expect(text).toContain(
      'status   failed by the judge (nan): model.onnx gave non-finite scores for 3 of 10 users'
    );
    expect(text).not.toContain('log tail');
  });
});
