import { describe, expect, it } from 'vitest';
import {
  collapseDefinitions,
  collapseFigures,
  effectiveRank,
  MAX_RANK_DIMS,
  meanPairwiseCosine,
} from '../../../../shared/src/core/diagnosis/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';

function matrix(rows: readonly (readonly number[])[]) {
  return { dims: [rows.length, rows[0]?.length ?? 0], data: Float32Array.from(rows.flat()) };
}

describe('effectiveRank', () => {
  it('is 1 when every row is the same vector', () => {
    // Prepare
    const rows = matrix(Array.from({ length: 20 }, () => [0.3, -1.2, 0.5, 2]));

    // Act
    const rank = effectiveRank(rows);

    // Assert
    expect(rank).toBeCloseTo(1, 6);
  });

  it('is d when the rows are orthogonal with equal length', () => {
    // Prepare
    const identity = matrix(
      Array.from({ length: 8 }, (_, row) => Array.from({ length: 8 }, (_, col) => +(row === col)))
    );

    // Act
    const rank = effectiveRank(identity);

    // Assert
    expect(rank).toBeCloseTo(8, 9);
  });

  it('is 2 when rows split evenly between two orthogonal directions of a wider space', () => {
    // Prepare
    const rows = matrix([
      [2, 0, 0, 0],
      [0, 2, 0, 0],
      [2, 0, 0, 0],
      [0, 2, 0, 0],
    ]);

    // Act
    const rank = effectiveRank(rows);

    // Assert
    expect(rank).toBeCloseTo(2, 9);
  });

  it('is 0 for a matrix of zeros', () => {
    // Prepare
    const zeros = matrix([
      [0, 0],
      [0, 0],
    ]);

    // Act
    const rank = effectiveRank(zeros);

    // Assert
    expect(rank).toBe(0);
  });
});

describe('meanPairwiseCosine', () => {
  it('is 1 for identical rows and 0 for orthogonal ones', () => {
    // Prepare
    const identical = matrix([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    const orthogonal = matrix([
      [1, 0, 0],
      [0, 3, 0],
      [0, 0, 2],
    ]);

    // Act
    const same = meanPairwiseCosine(identical);
    const apart = meanPairwiseCosine(orthogonal);

    // Assert
    expect(same).toBeCloseTo(1, 6);
    expect(apart).toBeCloseTo(0, 9);
  });

  it('averages over pairs and ignores zero rows', () => {
    // Prepare: pairs (a, b) = 1, (a, c) = -1, (b, c) = -1; the zero row has no direction.
    const rows = matrix([
      [1, 0],
      [2, 0],
      [-1, 0],
      [0, 0],
    ]);

    // Act
    const cosine = meanPairwiseCosine(rows);

    // Assert
    expect(cosine).toBeCloseTo(-1 / 3, 9);
  });
});

describe('collapseFigures', () => {
  it('names the figures after the tap and defines each of them', () => {
    // Prepare: a [2, 2, 2] tap is read as 2 rows of 4 values.
    const tap = { dims: [2, 2, 2], data: Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0]) };

    // Act
    const figures = collapseFigures('seq_repr', tap);

    // Assert
    expect(figures).toEqual({
      seq_repr_effective_rank: expect.closeTo(2, 9),
      seq_repr_rank_ratio: expect.closeTo(0.5, 9),
      seq_repr_mean_cosine: expect.closeTo(0, 9),
    });
    expect(Object.keys(collapseDefinitions('seq_repr'))).toEqual(Object.keys(figures));
  });

  it('gives only the cosine of a tap too wide for the eigen solver', () => {
    // Prepare
    const wide = { dims: [2, MAX_RANK_DIMS + 1], data: new Float32Array(2 * (MAX_RANK_DIMS + 1)) };
    wide.data[0] = 1;

    // Act
    const figures = collapseFigures('seq_repr', wide);

    // Assert
    expect(Object.keys(figures)).toEqual(['seq_repr_mean_cosine']);
  });

  it('rejects dims that do not match the data', () => {
    // Prepare
    const act = () => collapseFigures('seq_repr', { dims: [3, 2], data: new Float32Array(4) });

    // Act / Assert
    expect(act).toThrow(InvalidArgumentError);
  });
});
