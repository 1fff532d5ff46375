import { describe, expect, it } from 'vitest';
import type { ProbeInput } from '../../../../shared/src/core/probes/index.js';
import { perturbProbeInput } from '../../../../shared/src/core/probes/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';

const ITEMS = 20;

/**
 * Two users; item_embeddings row j holds [4^j, -4^j] (row 0, padding, zeros): scaled by a factor
 * in [0.5, 1.5), a value still shows which row it came from, as round(log4 |value|).
 */
const input: ProbeInput = {
  users: [
    { history: [1, 2, 3], topK: [4, 5, 6] },
    { history: [7], topK: [8, 9, 10] },
  ],
  taps: {
    item_embeddings: {
      dims: [ITEMS + 1, 2],
      data: Array.from({ length: ITEMS + 1 }, (_, item) =>
        item === 0 ? [0, 0] : [4 ** item, -(4 ** item)]
      ).flat(),
    },
    seq_repr: { dims: [2, 3], data: [1, -2, 0, 3, 4, -5] },
  },
  catalog: {
    numItems: ITEMS,
    popularity: Array.from({ length: ITEMS + 1 }, (_, item) => item),
    genres: Array.from({ length: ITEMS + 1 }, () => []),
  },
};

const rowOf = (value: number) =>
  value === 0 ? 0 : Math.round(Math.log(Math.abs(value)) / Math.log(4));
const everyItem = Array.from({ length: ITEMS + 1 }, (_, item) => item);

describe('perturbProbeInput', () => {
  it('shuffles the item rows of item_embeddings whole and keeps padding row 0 in place', () => {
    // Prepare / Act
    const perturbed = perturbProbeInput(input, createRng('perturb'));

    // Assess
    const tap = perturbed.taps.item_embeddings;
    const firstColumn = (tap?.data ?? []).filter((_, index) => index % 2 === 0).map(rowOf);
    const secondColumn = (tap?.data ?? []).filter((_, index) => index % 2 === 1).map(rowOf);
    expect(tap?.dims).toEqual([ITEMS + 1, 2]);
    expect(firstColumn[0]).toBe(0);
    expect(firstColumn).not.toEqual(everyItem);
    expect([...firstColumn].sort((a, b) => a - b)).toEqual(everyItem);
    expect(secondColumn).toEqual(firstColumn);
  });

  it('scales every value of every tap by its own factor in [0.5, 1.5), keeping signs and zeros', () => {
    // Prepare
    const before = input.taps.seq_repr?.data ?? [];

    // Act
    const after = perturbProbeInput(input, createRng('perturb')).taps.seq_repr?.data ?? [];

    // Assess
    const factors = before.map((value, index) => (value === 0 ? 1 : (after[index] ?? 0) / value));
    expect(after).toHaveLength(before.length);
    expect(after[2]).toBe(0);
    expect(factors.every((factor) => factor >= 0.5 && factor < 1.5)).toBe(true);
    expect(new Set(factors.filter((_, index) => before[index] !== 0)).size).toBe(5);
  });

  it('relabels top-K items by one permutation and leaves histories and the catalogue', () => {
    // Prepare / Act
    const perturbed = perturbProbeInput(input, createRng('perturb'));

    // Assess
    const topK = perturbed.users.flatMap((user) => user.topK);
    expect(topK).not.toEqual([4, 5, 6, 8, 9, 10]);
    expect(new Set(topK).size).toBe(6);
    expect(topK.every((item) => item >= 1 && item <= ITEMS)).toBe(true);
    expect(perturbed.users.map((user) => user.history)).toEqual([[1, 2, 3], [7]]);
    expect(perturbed.catalog).toBe(input.catalog);
  });

  it('gives the same perturbation for the same seed and leaves the input as it was', () => {
    // Prepare
    const before = JSON.stringify(input);

    // Act
    const once = perturbProbeInput(input, createRng('perturb'));
    const again = perturbProbeInput(input, createRng('perturb'));

    // Assess
    expect(again).toEqual(once);
    expect(JSON.stringify(input)).toBe(before);
  });
});
