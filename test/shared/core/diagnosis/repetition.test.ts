import { describe, expect, it } from 'vitest';
import { repetitionFigures } from '../../../../shared/src/core/diagnosis/index.js';

describe('repetitionFigures', () => {
  it('counts the share of unfiltered recommendations the users already consumed', () => {
    // Prepare: user 1 is shown 2 seen items of 2, user 2 none of 2.
    const histories = [
      [1, 2, 3],
      [4, 5],
    ];
    const unfiltered = [
      [3, 1],
      [6, 7],
    ];

    // Act
    const figures = repetitionFigures(histories, unfiltered);

    // Assert
    expect(figures).toEqual({ repetition_share: 0.5 });
  });
});
