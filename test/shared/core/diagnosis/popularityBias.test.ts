import { describe, expect, it } from 'vitest';
import {
  giniCoefficient,
  headItems,
  popularityBiasFigures,
} from '../../../../shared/src/core/diagnosis/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';

/** Training counts for items 1..n (index 0 is padding). */
function popularityOf(counts: readonly number[]): Uint32Array {
  return Uint32Array.from([0, ...counts]);
}

describe('popularityBiasFigures', () => {
  it('shows a recommender that always lists the same 10 items of 100', () => {
    // Prepare
    const popularity = popularityOf(Array.from({ length: 100 }, (_, index) => 100 - index));
    const sameTen = Array.from({ length: 10 }, (_, index) => index + 1);
    const rankings = Array.from({ length: 50 }, () => sameTen);

    // Act
    const figures = popularityBiasFigures(rankings, popularity);

    // Assert: the Gini of 10 equal counts among 100 items is 1 − 10/100.
    expect(figures.catalog_coverage).toBeCloseTo(10 / 100, 12);
    expect(figures.recommendation_gini).toBeCloseTo(0.9, 12);
    expect(figures.popularity_percentile).toBeGreaterThan(90);
  });

  it('puts every item at the 50th percentile when all are equally popular', () => {
    // Prepare
    const popularity = popularityOf([4, 4, 4, 4]);

    // Act
    const figures = popularityBiasFigures(
      [
        [1, 2],
        [3, 4],
      ],
      popularity
    );

    // Assert
    expect(figures.popularity_percentile).toBeCloseTo(50, 12);
    expect(figures.recommendation_gini).toBe(0);
    expect(figures.catalog_coverage).toBe(1);
  });

  it('counts the share of recommendations outside the head as long tail', () => {
    // Prepare: item 1 holds 50 of 100 interactions, so the 20% head is item 1 alone.
    const popularity = popularityOf([50, 20, 20, 10]);

    // Act
    const figures = popularityBiasFigures(
      [
        [1, 2],
        [1, 3],
        [1, 4],
      ],
      popularity
    );

    // Assert
    expect(figures.long_tail_share).toBeCloseTo(3 / 6, 12);
  });

  it('needs at least one recommended item', () => {
    // Prepare
    const act = () => popularityBiasFigures([[], []], popularityOf([1, 2]));

    // Act / Assert
    expect(act).toThrow(InvalidArgumentError);
  });
});

describe('headItems', () => {
  it('takes the fewest most popular items that reach the share, ties by lower id', () => {
    // Prepare
    const popularity = popularityOf([10, 30, 30, 30]);

    // Act
    const head = headItems(popularity, 0.5);

    // Assert: 30 + 30 = 60 of 100 reaches half; items 2 and 3 win the tie with item 4.
    expect([...head]).toEqual([2, 3]);
  });

  it('is empty when nothing was interacted with', () => {
    // Prepare
    const popularity = popularityOf([0, 0]);

    // Act
    const head = headItems(popularity, 0.2);

    // Assert
    expect(head.size).toBe(0);
  });
});

describe('giniCoefficient', () => {
  it('is 0 for equal values and (n − 1)/n when one value holds everything', () => {
    // Prepare
    const equal = [3, 3, 3, 3];
    const concentrated = [0, 0, 0, 7];

    // Act
    const flat = giniCoefficient(equal);
    const peaked = giniCoefficient(concentrated);

    // Assert
    expect(flat).toBe(0);
    expect(peaked).toBeCloseTo(3 / 4, 12);
  });
});
