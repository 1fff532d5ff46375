import { describe, expect, it } from 'vitest';
import {
  sampleSimulationUsers,
  stratifyUsers,
} from '../../../../shared/src/core/simulation/index.js';
import { syntheticView } from './simulationData.js';

const view = syntheticView();
const strata = stratifyUsers(view);
const stratumOf = new Map(strata.map(({ user, stratum }) => [user.index, stratum]));
const sizes = new Map<string, number>();
for (const { stratum } of strata) sizes.set(stratum, (sizes.get(stratum) ?? 0) + 1);

describe('stratifyUsers', () => {
  it('keeps users with two or more training items, in terciles of each trait', () => {
    // Prepare
    const eligible = view.users.filter((user) => user.train.length >= 2);

    // Act
    const activity = strata.map(({ stratum }) => stratum.split('/')[0]);

    // Assert
    expect(strata).toHaveLength(eligible.length);
    expect(sizes.size).toBeGreaterThan(20);
    expect(sizes.size).toBeLessThanOrEqual(27);
    for (const tercile of ['low', 'mid', 'high']) {
      const share =
        activity.filter((name) => name === `activity:${tercile}`).length / strata.length;
      expect(share).toBeGreaterThan(0.25);
      expect(share).toBeLessThan(0.42);
    }
  });
});

describe('sampleSimulationUsers', () => {
  it('draws the same users for the same seed and other users for another seed', () => {
    // Act
    const first = sampleSimulationUsers(view, 60, 'run-1');
    const again = sampleSimulationUsers(view, 60, 'run-1');
    const other = sampleSimulationUsers(view, 60, 'run-2');

    // Assert
    expect(first.map((user) => user.index)).toEqual(again.map((user) => user.index));
    expect(first.map((user) => user.index)).not.toEqual(other.map((user) => user.index));
  });

  it('draws exactly count eligible users, sorted, covering every non-empty stratum', () => {
    // Act
    const sample = sampleSimulationUsers(view, 60, 'run-1');

    // Assert
    expect(sample).toHaveLength(60);
    expect(sample.every((user) => user.train.length >= 2)).toBe(true);
    const indexes = sample.map((user) => user.index);
    expect(indexes).toEqual([...indexes].sort((a, b) => a - b));
    expect(new Set(sample.map((user) => stratumOf.get(user.index)))).toEqual(new Set(sizes.keys()));
  });

  it('allocates in proportion to stratum size beyond the one user per stratum', () => {
    // Prepare
    const count = 150;

    // Act
    const sample = sampleSimulationUsers(view, count, 'run-1');

    // Assert: largest remainder keeps each stratum within one of its exact share.
    const drawn = new Map<string, number>();
    for (const user of sample) {
      const stratum = stratumOf.get(user.index) ?? '';
      drawn.set(stratum, (drawn.get(stratum) ?? 0) + 1);
    }
    const rest = count - sizes.size;
    for (const [stratum, size] of sizes) {
      const quota = 1 + (rest * (size - 1)) / (strata.length - sizes.size);
      expect(Math.abs((drawn.get(stratum) ?? 0) - quota)).toBeLessThan(1);
    }
  });

  it('returns every eligible user when count reaches their number', () => {
    // Act
    const sample = sampleSimulationUsers(view, 10_000, 'run-1');

    // Assert
    expect(sample.map((user) => user.index)).toEqual(strata.map(({ user }) => user.index));
  });

  it('draws fewer users than strata from the largest strata', () => {
    // Act
    const sample = sampleSimulationUsers(view, 3, 'run-1');

    // Assert
    expect(sample).toHaveLength(3);
    const largest = Math.max(...sizes.values());
    const drawnSizes = sample.map((user) => sizes.get(stratumOf.get(user.index) ?? '') ?? 0);
    expect(drawnSizes).toContain(largest);
  });
});
