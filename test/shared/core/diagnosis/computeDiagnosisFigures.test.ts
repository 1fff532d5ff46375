import { describe, expect, it } from 'vitest';
import type { ItemCatalog } from '../../../../shared/src/core/dataset/index.js';
import type { DiagnosisInput } from '../../../../shared/src/core/diagnosis/index.js';
import { computeDiagnosisFigures } from '../../../../shared/src/core/diagnosis/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';

function catalogOf(genres: readonly (readonly string[])[]): ItemCatalog {
  return {
    numItems: genres.length,
    items: [{ title: '', genres: [] }, ...genres.map((list) => ({ title: '', genres: list }))],
    popularity: Uint32Array.from([0, ...genres.map((_, index) => genres.length - index)]),
  };
}

/** Two users and rankings that no perturbation changes. */
function input(overrides: Partial<DiagnosisInput> = {}): DiagnosisInput {
  const ranked = [
    [5, 6],
    [5, 6],
  ];
  return {
    catalog: catalogOf([['Drama'], ['Drama'], ['Comedy'], ['Comedy'], ['Drama'], ['Comedy']]),
    users: [
      { history: [1, 2], valid: 5 },
      { history: [3, 4], valid: null },
    ],
    k: 2,
    ranked,
    unfiltered: [
      [1, 5],
      [5, 6],
    ],
    perturbed: { mask_last: ranked, swap_last_two: ranked, reverse: ranked },
    representations: {
      seq_repr: { dims: [2, 2], data: Float32Array.from([1, 0, 0, 1]) },
    },
    ...overrides,
  };
}

describe('computeDiagnosisFigures', () => {
  it('measures every built-in probe and defines every figure it reports', () => {
    // Prepare
    const probeInput = input();

    // Act
    const { figures, definitions } = computeDiagnosisFigures(probeInput);

    // Assert
    expect(Object.keys(figures)).toEqual([
      'seq_repr_effective_rank',
      'seq_repr_rank_ratio',
      'seq_repr_mean_cosine',
      'popularity_percentile',
      'recommendation_gini',
      'long_tail_share',
      'catalog_coverage',
      'overlap_mask_last',
      'overlap_swap_last_two',
      'overlap_reverse',
      'genre_coherence',
      'repetition_share',
      'cold_hr@10',
      'warm_hr@10',
      'cold_ndcg@10',
      'warm_ndcg@10',
      'cold_warm_ndcg_gap',
      'cold_warm_relative_gap',
    ]);
    expect(Object.keys(definitions)).toEqual(Object.keys(figures));
    expect(Object.values(definitions).every((text) => text.length > 20)).toBe(true);
    expect(figures).toMatchObject({
      seq_repr_effective_rank: expect.closeTo(2, 9),
      catalog_coverage: 2 / 6,
      overlap_reverse: 1,
      repetition_share: 0.25,
      'cold_hr@10': 1,
    });
  });

  it('leaves out what it cannot measure: no genres, no validation items, no taps', () => {
    // Prepare
    const bare = input({
      catalog: catalogOf([[], [], [], [], [], []]),
      users: [
        { history: [1, 2], valid: null },
        { history: [3, 4], valid: null },
      ],
      representations: {},
    });

    // Act
    const { figures, definitions } = computeDiagnosisFigures(bare);

    // Assert
    expect(Object.keys(figures)).toEqual([
      'popularity_percentile',
      'recommendation_gini',
      'long_tail_share',
      'catalog_coverage',
      'overlap_mask_last',
      'overlap_swap_last_two',
      'overlap_reverse',
      'repetition_share',
    ]);
    expect(Object.keys(definitions)).toEqual(Object.keys(figures));
  });

  it('needs at least one user', () => {
    // Prepare
    const act = () => computeDiagnosisFigures(input({ users: [] }));

    // Act / Assert
    expect(act).toThrow(InvalidArgumentError);
  });
});
