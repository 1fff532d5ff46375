import { describe, expect, it } from 'vitest';
import { rankingMetrics, targetRank } from '../../../../shared/src/core/judging/index.js';

describe('targetRank', () => {
  it('counts the other unseen items scoring at least as high as the target', () => {
    // Prepare: items 1..5; the target is item 3 (0.5); item 1 (0.9) was seen.
    const row = Float32Array.from([0.9, 0.8, 0.5, 0.4, 0.5]);

    // Act
    const rank = targetRank(row, 3, new Set([1]));

    // Assess: item 2 beats it, item 5 ties it; a tie counts against the target.
    expect(rank).toBe(2);
  });

  it('ranks every target last when every item scores the same, so constants earn nothing', () => {
    // Prepare
    const row = new Float32Array(1000);

    // Act
    const ranks = [1, 500, 1000].map((target) => targetRank(row, target, new Set([7])));

    // Assess
    expect(ranks).toEqual([998, 998, 998]);
    expect(rankingMetrics(ranks as number[], 'val')['val_ndcg@20']).toBe(0);
  });

  it('never excludes the target, even when the history holds it (a repeat)', () => {
    expect(targetRank(Float32Array.from([0.1, 0.9, 0.3]), 2, new Set([2]))).toBe(0);
  });

  it.each([
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['minus infinity', Number.NEGATIVE_INFINITY],
  ])('refuses a row holding %s, anywhere in it', (_name, value) => {
    expect(targetRank(Float32Array.from([0.1, value, 0.3]), 1, new Set())).toBeUndefined();
    expect(targetRank(Float32Array.from([value, 0.2, 0.3]), 1, new Set())).toBeUndefined();
  });
});

describe('rankingMetrics', () => {
  it('averages hit rate and NDCG at 5, 10 and 20 over users', () => {
    // Prepare: ranks 0, 1, 5 and 30 (0-based).
    const ranks = [0, 1, 5, 30];

    // Act
    const metrics = rankingMetrics(ranks, 'val');

    // Assess
    expect(metrics['val_hr@5']).toBeCloseTo(2 / 4, 12);
    expect(metrics['val_hr@10']).toBeCloseTo(3 / 4, 12);
    expect(metrics['val_hr@20']).toBeCloseTo(3 / 4, 12);
    expect(metrics['val_ndcg@5']).toBeCloseTo((1 + 1 / Math.log2(3)) / 4, 12);
    expect(metrics['val_ndcg@10']).toBeCloseTo((1 + 1 / Math.log2(3) + 1 / Math.log2(7)) / 4, 12);
    expect(Object.keys(metrics)).toHaveLength(6);
  });
});
