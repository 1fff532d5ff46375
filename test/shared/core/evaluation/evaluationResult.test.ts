import { describe, expect, it } from 'vitest';
import { evaluationResultSchema } from '../../../../shared/src/core/evaluation/index.js';
import { failedResult, okResult } from '../../../helpers/evaluationResults.js';

describe('evaluationResultSchema', () => {
  it('accepts a realistic successful result', () => {
    // Prepare / Act
    const parsed = evaluationResultSchema.safeParse(okResult());

    // Assess
    expect(parsed.success).toBe(true);
  });

  it('accepts a failed result that carries its error', () => {
    // Prepare / Act
    const parsed = evaluationResultSchema.safeParse(JSON.parse(JSON.stringify(failedResult())));

    // Assess
    expect(parsed.success).toBe(true);
  });

  it('rejects a failed result without an error', () => {
    // Prepare
    const { error: _, ...withoutError } = failedResult();

    // Act
    const parsed = evaluationResultSchema.safeParse(withoutError);

    // Assess
    expect(parsed.error?.issues.map((issue) => issue.path)).toEqual([['error']]);
  });

  it('rejects a failed result that claims to be correct', () => {
    // Prepare / Act
    const parsed = evaluationResultSchema.safeParse({ ...failedResult(), correct: true });

    // Assess
    expect(parsed.success).toBe(false);
  });

  it('rejects an ok result that carries an error', () => {
    // Prepare / Act
    const parsed = evaluationResultSchema.safeParse({ ...okResult(), error: failedResult().error });

    // Assess
    expect(parsed.success).toBe(false);
  });

  it.each([
    ['at the top level', { ...okResult(), notes: 'x' }],
    ['in seconds', { ...okResult(), seconds: { ...okResult().seconds, queue: 1 } }],
    ['in a curve point', { ...okResult(), curve: [{ ...okResult().curve[0], lr: 0.001 }] }],
    ['in the dataset', { ...okResult(), dataset: { ...okResult().dataset, path: '/data' } }],
  ])('rejects an extra key %s', (_, candidate) => {
    // Prepare / Act
    const parsed = evaluationResultSchema.safeParse(candidate);

    // Assess
    expect(parsed.success).toBe(false);
  });

  it('rejects a non-finite combined score', () => {
    // Prepare / Act
    const parsed = evaluationResultSchema.safeParse({ ...okResult(), combinedScore: Number.NaN });

    // Assess
    expect(parsed.success).toBe(false);
  });
});
