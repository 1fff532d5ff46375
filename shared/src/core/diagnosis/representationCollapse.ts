import { InvalidArgumentError } from '../../errors.js';
import type { TapTensor } from '../ranking/index.js';
import { symmetricEigenvalues } from './symmetricEigenvalues.js';

/** The collapse figures of a representation tap, named after the tap (`seq_repr_…`). */
function collapseDefinitions(tap: string): Readonly<Record<string, string>> {
  return {
    [`${tap}_effective_rank`]: `effective rank (exp of the singular-value entropy) of the ${tap} rows; 1 = one shared direction, dims = spread evenly`,
    [`${tap}_rank_ratio`]: `${tap}_effective_rank / dims, 0-1; low = collapsed onto a few directions`,
    [`${tap}_mean_cosine`]: `mean cosine similarity over pairs of non-zero ${tap} rows; near 1 = nearly the same vector`,
  };
}

/**
 * The widest representation whose effective rank is measured: the eigen solver is O(dims³) a
 * sweep, under a second at 256 dims on a Lambda-sized CPU, several seconds at 512.
 */
const MAX_RANK_DIMS = 256;

/**
 * Effective rank, rank ratio and mean pairwise cosine of a tap read as one row per entry; a tap
 * wider than MAX_RANK_DIMS gets the cosine only.
 */
function collapseFigures(tap: string, tensor: TapTensor): Record<string, number> {
  const { cols } = matrixShape(tensor);
  const cosine = { [`${tap}_mean_cosine`]: meanPairwiseCosine(tensor) };
  if (cols > MAX_RANK_DIMS) return cosine;
  const rank = effectiveRank(tensor);
  return { [`${tap}_effective_rank`]: rank, [`${tap}_rank_ratio`]: rank / cols, ...cosine };
}

/**
 * Entropy effective rank (Roy & Vetterli, 2007) of a matrix: exp(−Σ pᵢ ln pᵢ) with pᵢ = σᵢ / Σσ
 * over its singular values σ. The matrix is not centred, so rows that share one direction (the
 * collapse this probe looks for) give 1, and orthogonal rows of equal length give their count
 * (at most dims). A matrix of zeros has rank 0.
 */
function effectiveRank(tensor: TapTensor): number {
  const { rows, cols } = matrixShape(tensor);
  const eigenvalues = symmetricEigenvalues(gramMatrix(tensor.data, rows, cols), cols);
  const largest = eigenvalues[0] ?? 0;
  // Eigenvalues of XᵀX are σ²; those at rounding level of the largest are zeros, not directions.
  const singular = Array.from(eigenvalues, (value) =>
    value > largest * cols * Number.EPSILON ? Math.sqrt(value) : 0
  );
  const total = singular.reduce((sum, value) => sum + value, 0);
  if (total === 0) return 0;
  const entropy = singular.reduce((sum, value) => {
    const share = value / total;
    return share > 0 ? sum - share * Math.log(share) : sum;
  }, 0);
  return Math.exp(entropy);
}

/**
 * Mean cosine similarity over all pairs of non-zero rows, in O(rows × cols): with unit rows uᵢ,
 * Σ_{i≠j} uᵢ·uⱼ = ‖Σ uᵢ‖² − m. Fewer than two non-zero rows are all alike: 1.
 */
function meanPairwiseCosine(tensor: TapTensor): number {
  const { rows, cols } = matrixShape(tensor);
  const sum = new Float64Array(cols);
  let nonZero = 0;
  for (let row = 0; row < rows; row += 1) {
    const vector = tensor.data.subarray(row * cols, (row + 1) * cols);
    const norm = Math.sqrt(vector.reduce((total, value) => total + value * value, 0));
    if (norm === 0) continue;
    nonZero += 1;
    vector.forEach((value, col) => {
      sum[col] = (sum[col] as number) + value / norm;
    });
  }
  if (nonZero < 2) return 1;
  const squaredLength = sum.reduce((total, value) => total + value * value, 0);
  return (squaredLength - nonZero) / (nonZero * (nonZero - 1));
}

/** XᵀX of a row-major rows × cols matrix: cols × cols, row-major. */
function gramMatrix(data: Float32Array, rows: number, cols: number): Float64Array {
  const gram = new Float64Array(cols * cols);
  for (let row = 0; row < rows; row += 1) {
    const offset = row * cols;
    for (let i = 0; i < cols; i += 1) {
      const xi = data[offset + i] as number;
      if (xi === 0) continue;
      for (let j = i; j < cols; j += 1) {
        gram[i * cols + j] = (gram[i * cols + j] as number) + xi * (data[offset + j] as number);
      }
    }
  }
  for (let i = 0; i < cols; i += 1) {
    for (let j = 0; j < i; j += 1) gram[i * cols + j] = gram[j * cols + i] as number;
  }
  return gram;
}

/** A tap as a matrix: its first axis gives the rows, the other axes are flattened into columns. */
function matrixShape(tensor: TapTensor): { rows: number; cols: number } {
  const [rows = 0, ...rest] = tensor.dims;
  const cols = rest.reduce((product, dim) => product * dim, 1);
  if (rows < 1 || cols < 1 || rows * cols !== tensor.data.length) {
    throw new InvalidArgumentError(
      `a representation needs dims [rows, …] matching its data, got [${tensor.dims.join(', ')}] for ${tensor.data.length} values`
    );
  }
  return { rows, cols };
}

export { collapseDefinitions, collapseFigures, effectiveRank, MAX_RANK_DIMS, meanPairwiseCosine };
