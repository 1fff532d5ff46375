import { describe, expect, it } from 'vitest';
import type { ProbeInput } from '../../../../shared/src/core/probes/index.js';
import { perturbProbeInput } from '../../../../shared/src/core/probes/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';

const ITEMS = 20;

/** Two users; item_embeddings row j holds [j, -j], so a row shows which item it came from. */
const input: ProbeInput = {
  users: [
    { history: [1, 2, 3], topK: [4, 5, 6] },
    { history: [7], topK: [8, 9, 10] },
  ],
  taps: {
    item_embeddings: {
      dims: [ITEMS + 1, 2],
      data: Array.from({ length: ITEMS + 1 }, (_, item) => [item, -item]).flat(),
    },
    seq_repr: { dims: [2, 2], data: [1, 2, 3, 4] },
  },
  catalog: {
    numItems: ITEMS,
    popularity: Array.from({ length: ITEMS + 1 }, (_, item) => item),
    genres: Array.from({ length: ITEMS + 1 }, () => []),
  },
};

describe('perturbProbeInput', () => {
  it('shuffles the item rows of item_embeddings and keeps padding row 0 in place', () => {
    // Prepare / Act
    const perturbed = perturbProbeInput(input, createRng('perturb'));

    // Assess
    const tap = perturbed.taps.item_embeddings;
    const firstColumn = tap?.data.filter((_, index) => index % 2 === 0) ?? [];
    expect(tap?.dims).toEqual([ITEMS + 1, 2]);
    expect(firstColumn[0]).toBe(0);
    expect(firstColumn).not.toEqual(Array.from({ length: ITEMS + 1 }, (_, item) => item));
    expect([...firstColumn].sort((a, b) => a - b)).toEqual(
      Array.from({ length: ITEMS + 1 }, (_, item) => item)
    );
    expect(tap?.data.filter((_, index) => index % 2 === 1)).toEqual(
      firstColumn.map((value) => -value)
    );
  });

  it('relabels top-K items by one permutation and leaves histories, other taps and the catalogue', () => {
    // Prepare / Act
    const perturbed = perturbProbeInput(input, createRng('perturb'));

    // Assess
    const topK = perturbed.users.flatMap((user) => user.topK);
    expect(topK).not.toEqual([4, 5, 6, 8, 9, 10]);
    expect(new Set(topK).size).toBe(6);
    expect(topK.every((item) => item >= 1 && item <= ITEMS)).toBe(true);
    expect(perturbed.users.map((user) => user.history)).toEqual([[1, 2, 3], [7]]);
    expect(perturbed.taps.seq_repr).toBe(input.taps.seq_repr);
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

  it('leaves an input without item_embeddings with its taps as they were', () => {
    // Prepare
    const withoutEmbeddings: ProbeInput = {
      ...input,
      taps: { seq_repr: { dims: [1], data: [1] } },
    };

    // Act
    const perturbed = perturbProbeInput(withoutEmbeddings, createRng('perturb'));

    // Assess
    expect(perturbed.taps).toBe(withoutEmbeddings.taps);
  });
});
