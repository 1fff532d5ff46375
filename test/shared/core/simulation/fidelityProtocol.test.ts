import { describe, expect, it } from 'vitest';
import type {
  FidelityPrediction,
  RatingsDataset,
} from '../../../../shared/src/core/simulation/index.js';
import { fidelityCases, fidelityReport } from '../../../../shared/src/core/simulation/index.js';

function ratingsOf(users: readonly (readonly [item: number, rating: number][])[]): RatingsDataset {
  return {
    name: 'hand-built',
    numItems: 10,
    items: Array.from({ length: 11 }, (_, id) => ({ title: `Film ${id}`, genres: ['Drama'] })),
    users: users.map((ratings, index) => ({
      user: index + 1,
      ratings: ratings.map(([item, rating], time) => ({ item, rating, timestamp: time })),
    })),
  };
}

function prediction(actual: number, score: number, predictedRating: number | null = null) {
  return { item: 1, actual, score, predictedRating } satisfies FidelityPrediction;
}

describe('fidelityCases', () => {
  it('keeps the earliest 80% as history and counts popularity on histories only', () => {
    // Prepare: ten ratings of items 1..10; two ratings; one rating (left out). Item 9 is
    // held out by user 1 and history of user 2, so it counts once.
    const dataset = ratingsOf([
      Array.from({ length: 10 }, (_, index) => [index + 1, 4] as [number, number]),
      [
        [9, 5],
        [10, 1],
      ],
      [[3, 3]],
    ]);

    // Act
    const { cases, population } = fidelityCases(dataset);

    // Assert
    expect(cases.map((user) => user.user)).toEqual([1, 2]);
    expect(cases[0]?.history).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(cases[0]?.heldOut.map((rating) => rating.item)).toEqual([9, 10]);
    expect(cases[1]?.history).toEqual([9]);
    expect([...population.catalog.popularity]).toEqual([0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
  });
});

describe('fidelityReport', () => {
  it('averages per-user AUC over users with both classes, beside the pooled AUC and RMSE', () => {
    // Prepare: each user ranks their liked item first, but user 2's scores are all lower.
    const perUser = [
      [prediction(5, 0.9, 5), prediction(1, 0.8, 3), prediction(3, 0.1, 3)],
      [prediction(4, 0.3, 4), prediction(2, 0.2, 2)],
      [prediction(5, 0.5, null)],
    ];

    // Act
    const report = fidelityReport(perUser);

    // Assert: pooled, liked 0.9, 0.3, 0.5 against disliked 0.8, 0.2 win 4 of 6 pairs; the
    // rating-3 item is in neither class.
    expect(report).toEqual({
      users: 3,
      usersWithBothClasses: 2,
      heldOutItems: 6,
      aucPerUser: 1,
      aucPooled: 4 / 6,
      rmse: Math.sqrt((0 + 4 + 0 + 0 + 0) / 5),
      ratedItems: 5,
    });
  });

  it('reports no AUC and no RMSE when nothing can be measured', () => {
    // Act
    const report = fidelityReport([[prediction(5, 0.5)]]);

    // Assert
    expect(report).toMatchObject({ aucPerUser: null, aucPooled: null, rmse: null, ratedItems: 0 });
  });
});
