import { describe, expect, it } from 'vitest';
import {
  orderSensitivityFigures,
  perturbHistory,
  topKOverlap,
} from '../../../../shared/src/core/diagnosis/index.js';

describe('perturbHistory', () => {
  it('drops the last item, swaps the last two, and reverses the history', () => {
    // Prepare
    const history = [1, 2, 3, 4];

    // Act
    const masked = perturbHistory(history, 'mask_last', 10);
    const swapped = perturbHistory(history, 'swap_last_two', 10);
    const reversed = perturbHistory(history, 'reverse', 10);

    // Assert
    expect(masked).toEqual([1, 2, 3]);
    expect(swapped).toEqual([1, 2, 4, 3]);
    expect(reversed).toEqual([4, 3, 2, 1]);
    expect(history).toEqual([1, 2, 3, 4]);
  });

  it('reverses only the window the model reads', () => {
    // Prepare
    const history = [1, 2, 3, 4, 5];

    // Act
    const reversed = perturbHistory(history, 'reverse', 3);

    // Assert
    expect(reversed).toEqual([1, 2, 5, 4, 3]);
  });

  it('leaves a one-item history unswapped', () => {
    // Prepare
    const history = [7];

    // Act
    const swapped = perturbHistory(history, 'swap_last_two', 10);

    // Assert
    expect(swapped).toEqual([7]);
  });
});

describe('orderSensitivityFigures', () => {
  it('is 1 for every perturbation when the rankings do not change', () => {
    // Prepare
    const histories = [
      [1, 2, 3],
      [4, 5],
    ];
    const rankings = [
      [7, 8, 9],
      [9, 8, 7],
    ];

    // Act
    const figures = orderSensitivityFigures(histories, 3, rankings, {
      mask_last: rankings,
      swap_last_two: rankings,
      reverse: rankings,
    });

    // Assert
    expect(figures).toEqual({ overlap_mask_last: 1, overlap_swap_last_two: 1, overlap_reverse: 1 });
  });

  it('leaves the dropped item out of the masked ranking before the cut', () => {
    // Prepare: without its last item 3, the history ranks 3 first; the rest is unchanged.
    const histories = [[1, 2, 3]];
    const rankings = [[7, 8]];

    // Act
    const figures = orderSensitivityFigures(histories, 2, rankings, {
      mask_last: [[3, 7, 8]],
      swap_last_two: [[9, 10, 7]],
      reverse: [[8, 9, 7]],
    });

    // Assert
    expect(figures).toEqual({
      overlap_mask_last: 1,
      overlap_swap_last_two: 0,
      overlap_reverse: 0.5,
    });
  });
});

describe('topKOverlap', () => {
  it('compares the first k items of both lists, order aside', () => {
    // Prepare
    const original = [1, 2, 3, 4];
    const changed = [3, 1, 9, 2];

    // Act
    const overlap = topKOverlap(original, changed, 3);

    // Assert
    expect(overlap).toBeCloseTo(2 / 3, 12);
  });
});
