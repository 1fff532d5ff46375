import { describe, expect, it } from 'vitest';
import { coldWarmFigures } from '../../../../shared/src/core/diagnosis/index.js';

/** A user with a history of `length` items (ids 100…) and validation item `valid`. */
function user(length: number, valid: number | null) {
  return { history: Array.from({ length }, (_, index) => 100 + index), valid };
}

describe('coldWarmFigures', () => {
  it('compares the quarter of shortest histories with the quarter of longest ones', () => {
    // Prepare: 8 users, so 2 per quarter. Short histories hit at rank 1, long ones miss.
    const users = [8, 1, 5, 2, 7, 3, 6, 4].map((length) => user(length, 1));
    const rankings = users.map(({ history }) => (history.length <= 2 ? [1, 2] : [2, 3]));

    // Act
    const figures = coldWarmFigures(users, rankings);

    // Assert
    expect(figures).toEqual({
      'cold_hr@10': 1,
      'warm_hr@10': 0,
      'cold_ndcg@10': 1,
      'warm_ndcg@10': 0,
      cold_warm_ndcg_gap: -1,
      cold_warm_relative_gap: -1,
    });
  });

  it('scores a hit at rank r with 1 / log2(r + 1) and ignores hits below 10', () => {
    // Prepare: one cold user hit at rank 2, one warm user hit at rank 11.
    const users = [user(1, 5), user(9, 5)];
    const rankings = [
      [4, 5],
      [1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 5],
    ];

    // Act
    const figures = coldWarmFigures(users, rankings);

    // Assert
    expect(figures?.['cold_ndcg@10']).toBeCloseTo(1 / Math.log2(3), 12);
    expect(figures?.['warm_hr@10']).toBe(0);
    expect(figures?.cold_warm_relative_gap).toBe(-1);
  });

  it('leaves out users without a validation item, and is undefined when none has one', () => {
    // Prepare
    const users = [user(3, null), user(4, null)];

    // Act
    const figures = coldWarmFigures(users, [[1], [1]]);

    // Assert
    expect(figures).toBeUndefined();
  });
});
