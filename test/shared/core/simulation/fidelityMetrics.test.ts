import { describe, expect, it } from 'vitest';
import { rocAuc, rootMeanSquaredError } from '../../../../shared/src/core/simulation/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';

describe('rocAuc', () => {
  it('counts the pairs a positive wins, a tie counting half', () => {
    // Prepare: of 9 pairs, 0.9 and 0.8 beat all three negatives (6); 0.4 beats 0.1 (1) and ties
    // 0.4 (½) → 7.5 / 9.
    const positives = [0.9, 0.8, 0.4];
    const negatives = [0.5, 0.4, 0.1];

    // Act
    const auc = rocAuc(positives, negatives);

    // Assert
    expect(auc).toBeCloseTo(7.5 / 9, 12);
  });

  it('is 1 for perfect separation, 0 for reversed and 0.5 when every score ties', () => {
    // Act
    const perfect = rocAuc([3, 4], [1, 2]);
    const reversed = rocAuc([1, 2], [3, 4]);
    const tied = rocAuc([1, 1, 1], [1, 1]);

    // Assert
    expect([perfect, reversed, tied]).toEqual([1, 0, 0.5]);
  });

  it('refuses a class without scores', () => {
    // Act
    const measure = () => rocAuc([0.5], []);

    // Assert
    expect(measure).toThrow(InvalidArgumentError);
  });
});

describe('rootMeanSquaredError', () => {
  it('is the square root of the mean squared difference', () => {
    // Prepare
    const pairs = [
      { predicted: 3, actual: 4 },
      { predicted: 4, actual: 4 },
      { predicted: 5, actual: 3 },
    ];

    // Act
    const rmse = rootMeanSquaredError(pairs);

    // Assert
    expect(rmse).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });

  it('refuses an empty list', () => {
    // Act
    const measure = () => rootMeanSquaredError([]);

    // Assert
    expect(measure).toThrow(InvalidArgumentError);
  });
});
