import { InvalidArgumentError } from '../../errors.js';

/** Sweeps of the Jacobi method; it converges quadratically, in well under 20 for d ≤ 256. */
const MAX_SWEEPS = 50;

/**
 * Eigenvalues of a symmetric d × d matrix (row-major), by the cyclic Jacobi method: plane
 * rotations zero the off-diagonal entries one pair at a time until they are negligible. Returned
 * in descending order. O(d³) per sweep, meant for the small matrices of the probes (d ≤ 256);
 * the input is not modified.
 */
function symmetricEigenvalues(matrix: ArrayLike<number>, d: number): Float64Array {
  if (!Number.isInteger(d) || d < 1 || matrix.length !== d * d) {
    throw new InvalidArgumentError(`expected a ${d} × ${d} matrix, got ${matrix.length} entries`);
  }
  const a = Float64Array.from(matrix);
  const scale = a.reduce((largest, entry) => Math.max(largest, Math.abs(entry)), 0);
  // Off-diagonal entries below this share of the largest entry no longer move any eigenvalue.
  const negligible = scale * Number.EPSILON * d;
  for (let sweep = 0; sweep < MAX_SWEEPS && offDiagonalMax(a, d) > negligible; sweep += 1) {
    for (let p = 0; p < d - 1; p += 1) {
      for (let q = p + 1; q < d; q += 1) rotate(a, d, p, q, negligible);
    }
  }
  const eigenvalues = Float64Array.from({ length: d }, (_, i) => a[i * d + i] as number);
  return eigenvalues.sort().reverse();
}

/** The largest |a[p][q]| with p ≠ q. */
function offDiagonalMax(a: Float64Array, d: number): number {
  let largest = 0;
  for (let p = 0; p < d; p += 1) {
    for (let q = p + 1; q < d; q += 1) {
      largest = Math.max(largest, Math.abs(a[p * d + q] as number));
    }
  }
  return largest;
}

/** Applies the rotation in the (p, q) plane that zeroes a[p][q] (Golub & Van Loan, 8.5.2). */
function rotate(a: Float64Array, d: number, p: number, q: number, negligible: number): void {
  const apq = a[p * d + q] as number;
  if (Math.abs(apq) <= negligible) return;
  const app = a[p * d + p] as number;
  const aqq = a[q * d + q] as number;
  const theta = (aqq - app) / (2 * apq);
  // The smaller root of t² + 2θt − 1 = 0 keeps the rotation angle at most π/4, which is stable.
  const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
  const c = 1 / Math.sqrt(t * t + 1);
  const s = t * c;
  for (let r = 0; r < d; r += 1) {
    if (r === p || r === q) continue;
    const arp = a[r * d + p] as number;
    const arq = a[r * d + q] as number;
    const rp = c * arp - s * arq;
    const rq = s * arp + c * arq;
    a[r * d + p] = rp;
    a[p * d + r] = rp;
    a[r * d + q] = rq;
    a[q * d + r] = rq;
  }
  a[p * d + p] = app - t * apq;
  a[q * d + q] = aqq + t * apq;
  a[p * d + q] = 0;
  a[q * d + p] = 0;
}

export { symmetricEigenvalues };
