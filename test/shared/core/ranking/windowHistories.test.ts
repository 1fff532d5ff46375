import { describe, expect, it } from 'vitest';
import { windowHistories } from '../../../../shared/src/core/ranking/index.js';
import { ItemOutOfRangeError } from '../../../../shared/src/errors.js';

describe('windowHistories', () => {
  it('left-pads short histories with 0 and keeps the most recent item last', () => {
    // Prepare
    const histories = [[7], [1, 2]];

    // Act
    const input = windowHistories(histories, 4, 10);

    // Assess
    expect(Array.from(input, Number)).toEqual([0, 0, 0, 7, 0, 0, 1, 2]);
  });

  it('keeps only the last maxLen items of a long history', () => {
    // Prepare
    const histories = [[1, 2, 3, 4, 5, 6]];

    // Act
    const input = windowHistories(histories, 3, 10);

    // Assess
    expect(Array.from(input, Number)).toEqual([4, 5, 6]);
  });

  it('gives an empty history an all-padding row', () => {
    // Prepare / Act
    const input = windowHistories([[], [3]], 2, 10);

    // Assess
    expect(Array.from(input, Number)).toEqual([0, 0, 0, 3]);
  });

  it.each([
    [0, 'the padding id'],
    [11, 'past numItems'],
    [2.5, 'not an integer'],
  ])('throws ItemOutOfRangeError when an item id is %s (%s)', (item) => {
    // Prepare
    const histories = [[1], [2, item]];

    // Act
    const act = () => windowHistories(histories, 4, 10);

    // Assess
    expect(act).toThrow(ItemOutOfRangeError);
    expect(act).toThrow(`item id ${item} of history 1 is outside 1..10`);
  });
});
