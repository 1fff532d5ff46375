import { describe, expect, it } from 'vitest';
import { formatEvaluation } from '../../../../shared/src/core/evaluation/index.js';
import { failedResult, okResult } from '../../../helpers/evaluationResults.js';

describe('formatEvaluation', () => {
  it('shows a validation row of HR and NDCG at 5, 10 and 20 when only validation ran', () => {
    // Prepare / Act
    const text = formatEvaluation(okResult(), '/tmp/out');

    // Assess
    expect(text).toContain('status   ok, validation NDCG@10 0.1402');
    expect(text).toMatch(/HR@5\s+NDCG@5\s+HR@10\s+NDCG@10\s+HR@20\s+NDCG@20/);
    expect(text).toMatch(/val\s+0\.1831\s+0\.1198\s+0\.2642\s+0\.1402\s+0\.3705\s+0\.1669/);
    expect(text).not.toMatch(/^test/m);
    expect(text).toContain('epochs   2 (best 2), 14.10 s/epoch, 35.1 s total');
    expect(text).toContain('params   330,624');
    expect(text).toContain('output   /tmp/out');
  });

  it('adds a test row when the test split was evaluated', () => {
    // Prepare
    const result = okResult();
    const withTest = { ...result, metrics: { ...result.metrics, 'test_ndcg@10': 0.131 } };

    // Act
    const text = formatEvaluation(withTest, '/tmp/out');

    // Assess
    expect(text).toMatch(/test\s+-\s+-\s+-\s+0\.1310\s+-\s+-/);
  });

  it('shows the failure kind, message and log tail when the candidate failed', () => {
    // Prepare / Act
    const text = formatEvaluation(failedResult(), '/tmp/out');

    // Assess
    expect(text).toContain('status   failed (nan): loss became NaN at epoch 1, step 12');
    expect(text).toContain(
      'log tail:\n  epoch 1 step 11 loss 3.2e+08\n  epoch 1 step 12 loss nan\n'
    );
    expect(text).not.toContain('HR@5');
  });
});
