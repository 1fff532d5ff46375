import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RatingsDataset } from '../../../../shared/src/core/simulation/index.js';
import {
  fidelityTransfer,
  fitRatingModel,
  userHalves,
} from '../../../../shared/src/core/simulation/index.js';
import { readMovieLens100kRatings, repoRoot } from '../../../../shared/src/local/index.js';

const dataDir = resolve(process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));

/**
 * 20 films: 1–10 Drama and popular, 11–20 Horror and each seen once. Every user's history is
 * eight Drama films rated `historyRating`; each then rates a Drama film 5 and a Horror film 1.
 */
function tasteDataset(name: string, users: number, historyRating: number): RatingsDataset {
  const items = Array.from({ length: 21 }, (_, id) => ({
    title: id === 0 ? '' : `Film ${id}`,
    genres: id === 0 ? [] : id <= 10 ? ['Drama'] : ['Horror'],
  }));
  return {
    name,
    numItems: 20,
    items,
    users: Array.from({ length: users }, (_, index) => ({
      user: index + 1,
      ratings: [
        ...[1, 2, 3, 4, 5, 6, 7, 8].map((item) => [item, historyRating] as const),
        [9, 5] as const,
        [11 + (index % 10), 1] as const,
      ].map(([item, rating], time) => ({ item, rating, timestamp: time })),
    })),
  };
}

describe('fitRatingModel', () => {
  it('fits the held-out ratings on affinity by least squares', () => {
    // Prepare: every user's liked film shares one affinity, every disliked film another, so a
    // line through the two classes fits them exactly.
    const taste = tasteDataset('taste', 6, 4);

    // Act
    const model = fitRatingModel(taste);
    const inSample = fidelityTransfer(taste, taste);

    // Assess
    expect(model.slope).toBeGreaterThan(0);
    expect(inSample.fitted).toEqual(model);
    expect(inSample.simulator.rmse).toBeCloseTo(0, 6);
  });
});

describe('fidelityTransfer', () => {
  it('measures the fitted constants on other users, beside both baselines', () => {
    // Prepare: the same tastes, but history ratings that say nothing about the held-out ones
    const fit = tasteDataset('fit', 6, 4);
    const measure = tasteDataset('measure', 4, 3);

    // Act
    const transfer = fidelityTransfer(fit, measure);

    // Assess: the simulator tells 5 from 1; the user mean (3) and fit's global mean (4) cannot.
    expect(transfer.fittedOn).toBe('fit');
    expect(transfer.measuredOn).toBe('measure');
    expect(transfer.simulator.aucPerUser).toBe(1);
    expect(transfer.userMean.aucPerUser).toBe(0.5);
    expect(transfer.userMean.rmse).toBeCloseTo(2, 10);
    expect(transfer.globalMean.rmse).toBeCloseTo(Math.sqrt(5), 10);
    expect(transfer.simulator.rmse).toBeLessThan(1);
    expect(transfer.ratingsBeatBaselines).toBe(true);
    expect(transfer.verdict).toMatch(/^its ratings beat both baselines: RMSE/);
  });

  it('says the ratings carry no signal when they are no better than the global mean', () => {
    // Prepare: every held-out rating is 3, whatever the film
    const flat = tasteDataset('flat', 6, 3);
    const flatUsers = flat.users.map((user) => ({
      ...user,
      ratings: user.ratings.map((rating) => ({ ...rating, rating: 3 })),
    }));
    const measure = { ...flat, users: flatUsers };

    // Act
    const transfer = fidelityTransfer(tasteDataset('fit', 6, 4), measure);

    // Assess
    expect(transfer.ratingsBeatBaselines).toBe(false);
    expect(transfer.verdict).toMatch(/^its ratings carry no signal: RMSE/);
  });

  it('beats the global mean on the ml-100k users it was not fitted on, both ways', async () => {
    // Prepare
    const [odd, even] = userHalves(await readMovieLens100kRatings(dataDir));

    // Act
    const directions = [fidelityTransfer(odd, even), fidelityTransfer(even, odd)];

    // Assess: measured 1.106 vs 1.152 and 1.155 vs 1.269 (global mean)
    for (const direction of directions) {
      expect(direction.simulator.rmse).toBeLessThan(direction.globalMean.rmse ?? 0);
      expect(direction.simulator.aucPerUser).toBeGreaterThan(0.6);
    }
    expect(odd.users.every(({ user }) => user % 2 === 1)).toBe(true);
    expect(odd.users.length + even.users.length).toBe(943);
  });
});
