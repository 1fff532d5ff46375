import jStat from 'jstat';
import { InvalidArgumentError } from '../../errors.js';

/** A mean over runs with the half-width of its confidence interval (Student's t). */
interface MeanInterval {
  readonly mean: number;
  /** mean ± halfWidth covers the true mean at the interval's level; null with fewer than 2 values. */
  readonly halfWidth: number | null;
  readonly n: number;
}

/** A paired t-test of a − b over the same seeds. */
interface PairedTest {
  readonly n: number;
  readonly meanDifference: number;
  /** Of the 95 % interval of the mean difference; null with fewer than 2 pairs. */
  readonly halfWidth: number | null;
  /** null with fewer than 2 pairs, or when every difference is the same (no spread to test). */
  readonly t: number | null;
  /** Two-sided; null where t is. */
  readonly pValue: number | null;
}

const LEVEL = 0.95;
/** A standard error this small beside the mean is rounding, not spread. */
const NEGLIGIBLE_SPREAD = 1e-12;

/** The mean and its 95 % interval: mean ± t(0.975, n − 1) · s / √n, s the sample deviation. */
function meanInterval(values: readonly number[]): MeanInterval {
  if (values.length === 0) throw new InvalidArgumentError('a mean needs at least one value');
  const n = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  if (n < 2) return { mean, halfWidth: null, n };
  return { mean, halfWidth: tQuantile(n - 1) * standardError(values, mean), n };
}

/**
 * The paired t-test of `a` against `b` (a[i] and b[i] from the same seed): t = d̄ / (s_d / √n)
 * on n − 1 degrees of freedom, two-sided. Differences that are all equal have no spread: their
 * interval is (next to) 0 wide and no t is given.
 */
function pairedTest(a: readonly number[], b: readonly number[]): PairedTest {
  if (a.length !== b.length || a.length === 0) {
    throw new InvalidArgumentError(
      `a paired test needs as many values on each side, at least one; got ${a.length} and ${b.length}`
    );
  }
  const differences = a.map((value, index) => value - (b[index] ?? Number.NaN));
  const { mean, halfWidth, n } = meanInterval(differences);
  if (n < 2) return { n, meanDifference: mean, halfWidth: null, t: null, pValue: null };
  const error = standardError(differences, mean);
  // Equal differences computed in floating point still differ in their last bits.
  if (error <= NEGLIGIBLE_SPREAD * Math.abs(mean)) {
    return { n, meanDifference: mean, halfWidth, t: null, pValue: null };
  }
  const t = mean / error;
  const pValue = 2 * (1 - jStat.studentt.cdf(Math.abs(t), n - 1));
  return { n, meanDifference: mean, halfWidth, t, pValue };
}

function tQuantile(degreesOfFreedom: number): number {
  return jStat.studentt.inv(1 - (1 - LEVEL) / 2, degreesOfFreedom);
}

function standardError(values: readonly number[], mean: number): number {
  const squares = values.reduce((sum, value) => sum + (value - mean) ** 2, 0);
  return Math.sqrt(squares / (values.length - 1) / values.length);
}

export type { MeanInterval, PairedTest };
export { meanInterval, pairedTest };
