import { describe, expect, it } from 'vitest';
import {
  itemPopularityPercentiles,
  midRankPercentile,
} from '../../../../shared/src/core/dataset/index.js';
import {
  genreProfile,
  normalisedGenreEntropy,
} from '../../../../shared/src/core/simulation/genreProfile.js';
import {
  personaTraits,
  simulationPopulation,
  viewPopulation,
} from '../../../../shared/src/core/simulation/index.js';
import { smallCatalog, viewOf } from './simulationData.js';

/** Users of 2, 4, 4 and 6 items, so length 4 sits at the middle. */
const population = simulationPopulation(smallCatalog, [6, 2, 4, 4]);

describe('midRankPercentile', () => {
  it('counts values below plus half the equal ones', () => {
    // Prepare
    const sorted = [1, 2, 2, 3];

    // Act
    const percentiles = [0, 1, 2, 3, 4].map((value) => midRankPercentile(sorted, value));

    // Assert
    expect(percentiles).toEqual([0, 0.125, 0.5, 0.875, 1]);
  });

  it('puts every item of an all-equal catalogue at the middle', () => {
    // Prepare
    const popularity = new Uint32Array([0, 5, 5, 5]);

    // Act
    const percentiles = itemPopularityPercentiles(popularity);

    // Assert
    expect([...percentiles]).toEqual([0, 0.5, 0.5, 0.5]);
  });
});

describe('genreProfile', () => {
  it('splits a multi-genre item evenly over its genres, largest share first', () => {
    // Prepare: Drama One, Dramedy Three (Drama|Comedy) → Drama 1.5, Comedy 0.5.

    // Act
    const profile = genreProfile([1, 3], smallCatalog);

    // Assert
    expect(profile).toEqual([
      { genre: 'Drama', share: 0.75 },
      { genre: 'Comedy', share: 0.25 },
    ]);
  });

  it('normalises entropy by the catalogue genre count: two equal genres of four give 0.5', () => {
    // Prepare
    const profile = genreProfile([1, 2], smallCatalog);

    // Act
    const diversity = normalisedGenreEntropy(profile, 4);

    // Assert
    expect(diversity).toBeCloseTo(0.5, 12);
  });
});

describe('personaTraits', () => {
  it('measures activity, diversity, conformity and top genres of a hand-built history', () => {
    // Prepare: items 1 (8 plays) and 3 (6 plays) have popularity percentiles 7.5/8 and 5.5/8.
    const history = [1, 3, 2, 5];

    // Act
    const traits = personaTraits(history, population);

    // Assert
    expect(traits.historyLength).toBe(4);
    expect(traits.activityPercentile).toBe(0.5);
    // Drama 1 + 0.5 + 1 = 2.5, Comedy 0.5 + 1 = 1.5, of 4 items.
    expect(traits.genreAffinities).toEqual([
      { genre: 'Drama', share: 0.625 },
      { genre: 'Comedy', share: 0.375 },
    ]);
    const entropy = -(0.625 * Math.log(0.625) + 0.375 * Math.log(0.375));
    expect(traits.genreDiversity).toBeCloseTo(entropy / Math.log(4), 12);
    expect(traits.popularityConformity).toBeCloseTo((7.5 + 5.5 + 6.5 + 3.5) / 8 / 4, 12);
  });

  it('gives a one-genre history zero diversity and an unpopular one low conformity', () => {
    // Prepare: Horror Four (5 plays) and Horror Eight (1 play), percentiles 4.5/8 and 0.5/8.

    // Act
    const traits = personaTraits([4, 8], population);

    // Assert
    expect(traits.genreDiversity).toBe(0);
    expect(traits.popularityConformity).toBeCloseTo((4.5 / 8 + 0.5 / 8) / 2, 12);
    expect(traits.activityPercentile).toBe(0.125);
    expect(traits.genreAffinities).toEqual([{ genre: 'Horror', share: 1 }]);
  });

  it('measures activity against every user of a prepared view', () => {
    // Prepare
    const view = viewOf(smallCatalog, [{ train: [1, 2] }, { train: [1, 2, 3] }, { train: [4] }]);

    // Act
    const traits = personaTraits([1, 2, 3], viewPopulation(view));

    // Assert
    expect(traits.activityPercentile).toBeCloseTo(2.5 / 3, 12);
  });
});
