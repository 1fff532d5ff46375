import { describe, expect, it } from 'vitest';
import { rankScoreRows } from '../../../../shared/src/core/ranking/index.js';

describe('rankScoreRows', () => {
  const scores = new Float32Array([0.9, 0.1, 0.5, 0.2, 0.8, 0.3]);

  it('ranks each row for its own history, excluding what that history holds', () => {
    // Prepare: two users over three items
    const histories = [[1], [2, 3]];

    // Act
    const users = rankScoreRows(scores, histories, {
      numItems: 3,
      k: 2,
      excludeSeen: true,
      includeScores: false,
    });

    // Assess
    expect(users.map((user) => user.items)).toEqual([[3, 2], [1]]);
    expect(users[0]).not.toHaveProperty('scoreRow');
  });

  it('keeps seen items and returns copies of the rows when asked', () => {
    // Prepare
    const histories = [[1], [2, 3]];

    // Act
    const users = rankScoreRows(scores, histories, {
      numItems: 3,
      k: 1,
      excludeSeen: false,
      includeScores: true,
    });

    // Assess
    expect(users.map((user) => user.items)).toEqual([[1], [2]]);
    expect(Array.from(users[1]?.scoreRow ?? [])).toEqual(Array.from(scores.subarray(3)));
    expect(users[1]?.scoreRow?.buffer).not.toBe(scores.buffer);
  });
});
