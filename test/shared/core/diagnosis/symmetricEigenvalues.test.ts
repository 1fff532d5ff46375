import { describe, expect, it } from 'vitest';
import { symmetricEigenvalues } from '../../../../shared/src/core/diagnosis/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';

/** A symmetric d × d matrix with entries from a fixed pseudo-random sequence. */
function randomSymmetric(d: number): Float64Array {
  const matrix = new Float64Array(d * d);
  let state = 12345;
  for (let i = 0; i < d; i += 1) {
    for (let j = i; j < d; j += 1) {
      state = (state * 1103515245 + 12345) % 2147483648;
      const value = state / 2147483648 - 0.5;
      matrix[i * d + j] = value;
      matrix[j * d + i] = value;
    }
  }
  return matrix;
}

describe('symmetricEigenvalues', () => {
  it('returns the diagonal of a diagonal matrix, largest first', () => {
    // Prepare
    const matrix = [1, 0, 0, 0, 5, 0, 0, 0, -2];

    // Act
    const eigenvalues = symmetricEigenvalues(matrix, 3);

    // Assert
    expect(Array.from(eigenvalues)).toEqual([5, 1, -2]);
  });

  it('finds the known eigenvalues of a 2 × 2 matrix', () => {
    // Prepare: [[2, 1], [1, 2]] has eigenvalues 3 and 1.
    const matrix = [2, 1, 1, 2];

    // Act
    const [largest, smallest] = symmetricEigenvalues(matrix, 2);

    // Assert
    expect(largest).toBeCloseTo(3, 12);
    expect(smallest).toBeCloseTo(1, 12);
  });

  it('keeps the trace and the Frobenius norm of a dense 40 × 40 matrix', () => {
    // Prepare: the trace is Σλ and the squared Frobenius norm Σλ² for any symmetric matrix.
    const d = 40;
    const matrix = randomSymmetric(d);
    const trace = Array.from({ length: d }, (_, i) => matrix[i * d + i] as number).reduce(
      (sum, value) => sum + value
    );
    const frobenius = matrix.reduce((sum, value) => sum + value * value, 0);

    // Act
    const eigenvalues = symmetricEigenvalues(matrix, d);

    // Assert
    expect(eigenvalues.reduce((sum, value) => sum + value, 0)).toBeCloseTo(trace, 10);
    expect(eigenvalues.reduce((sum, value) => sum + value * value, 0)).toBeCloseTo(frobenius, 10);
    expect(Array.from(eigenvalues)).toEqual(Array.from(eigenvalues).sort((a, b) => b - a));
  });

  it('leaves its input untouched', () => {
    // Prepare
    const matrix = randomSymmetric(5);
    const copy = Float64Array.from(matrix);

    // Act
    symmetricEigenvalues(matrix, 5);

    // Assert
    expect(matrix).toEqual(copy);
  });

  it('rejects a matrix whose size does not match d', () => {
    // Prepare
    const act = () => symmetricEigenvalues([1, 2, 3], 2);

    // Act / Assert
    expect(act).toThrow(InvalidArgumentError);
  });
});
