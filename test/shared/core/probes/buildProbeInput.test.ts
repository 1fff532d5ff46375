import { describe, expect, it } from 'vitest';
import type { ItemCatalog } from '../../../../shared/src/core/dataset/index.js';
import { buildProbeInput } from '../../../../shared/src/core/probes/index.js';
import type { ScoringResult, TapTensor } from '../../../../shared/src/core/ranking/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';

const catalog: ItemCatalog = {
  numItems: 3,
  items: [
    { title: '', genres: [] },
    { title: 'A', genres: ['Drama'] },
    { title: 'B', genres: ['Comedy', 'Drama'] },
    { title: 'C', genres: [] },
  ],
  popularity: Uint32Array.from([0, 5, 2, 1]),
};

/** Five scored users; seq_repr has a row per user, item_embeddings a row per item id. */
function scored(): { histories: number[][]; result: ScoringResult } {
  return {
    histories: [[1, 2, 3], [2], [3, 1], [1], [2, 2]],
    result: {
      users: [0, 1, 2, 3, 4].map((user) => ({ items: [user + 10], scores: [1] })),
      taps: {
        seq_repr: {
          dims: [5, 2],
          data: Float32Array.from([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5]),
        },
        item_embeddings: { dims: [4, 1], data: Float32Array.from([0, 1, 2, 3]) },
      },
    },
  };
}

describe('buildProbeInput', () => {
  it('copies users, taps and the catalogue into plain arrays', () => {
    // Prepare
    const { histories, result } = scored();

    // Act
    const input = buildProbeInput({ histories, result, catalog });

    // Assess
    expect(input.users[2]).toEqual({ history: [3, 1], topK: [12] });
    expect(input.taps.seq_repr).toEqual({
      dims: [5, 2],
      data: [0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5],
    });
    expect(Array.isArray(input.taps.item_embeddings?.data)).toBe(true);
    expect(input.catalog).toEqual({
      numItems: 3,
      popularity: [0, 5, 2, 1],
      genres: [[], ['Drama'], ['Comedy', 'Drama'], []],
    });
    expect(JSON.parse(JSON.stringify(input))).toEqual(input);
  });

  it('keeps evenly spaced users and their rows of batched taps only', () => {
    // Prepare
    const { histories, result } = scored();
    const limits = { maxUsers: 2, maxHistoryLength: 200, maxTapValues: 100 };

    // Act
    const input = buildProbeInput({ histories, result, catalog }, limits);

    // Assess
    expect(input.users.map((user) => user.topK)).toEqual([[10], [12]]);
    expect(input.taps.seq_repr).toEqual({ dims: [2, 2], data: [0, 0.5, 2, 2.5] });
    expect(input.taps.item_embeddings).toEqual({ dims: [4, 1], data: [0, 1, 2, 3] });
  });

  it('keeps the most recent items of a long history and whole leading rows of a large tap', () => {
    // Prepare
    const { histories, result } = scored();
    const limits = { maxUsers: 5, maxHistoryLength: 2, maxTapValues: 5 };

    // Act
    const input = buildProbeInput({ histories, result, catalog }, limits);

    // Assess
    expect(input.users[0]?.history).toEqual([2, 3]);
    expect(input.taps.seq_repr).toEqual({ dims: [2, 2], data: [0, 0.5, 1, 1.5] });
    expect(input.taps.item_embeddings).toEqual({ dims: [4, 1], data: [0, 1, 2, 3] });
  });

  it('treats a tap with a row per item id as per item when the number of histories matches', () => {
    // Prepare
    const { histories, result } = scored();
    const limits = { maxUsers: 2, maxHistoryLength: 200, maxTapValues: 100 };
    const fourUsers: ScoringResult = {
      users: result.users.slice(0, 4),
      taps: { item_embeddings: result.taps.item_embeddings as TapTensor },
    };

    // Act
    const input = buildProbeInput(
      { histories: histories.slice(0, 4), result: fourUsers, catalog },
      limits
    );

    // Assess
    expect(input.users).toHaveLength(2);
    expect(input.taps.item_embeddings).toEqual({ dims: [4, 1], data: [0, 1, 2, 3] });
  });

  it.each([
    ['no histories', [], 'at least one user'],
    ['fewer histories than scored users', [[1], [2]], 'has 5 users but 2 histories'],
  ])('rejects %s', (_, histories, message) => {
    // Prepare
    const { result } = scored();

    // Act
    const act = () => buildProbeInput({ histories, result, catalog });

    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow(message);
  });

  it('rejects a limit that is not a positive integer', () => {
    // Prepare
    const { histories, result } = scored();
    const limits = { maxUsers: 0, maxHistoryLength: 1, maxTapValues: 1 };

    // Act
    const act = () => buildProbeInput({ histories, result, catalog }, limits);

    // Assess
    expect(act).toThrow('maxUsers must be a positive integer, got 0');
  });
});
