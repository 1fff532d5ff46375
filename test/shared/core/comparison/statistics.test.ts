import { describe, expect, it } from 'vitest';
import { meanInterval, pairedTest } from '../../../../shared/src/core/comparison/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';

describe('meanInterval', () => {
  it('gives mean ± t(0.975, n − 1) · s / √n', () => {
    // Act: mean 2, s = 1, n = 3, t(0.975, 2) = 4.302653
    const interval = meanInterval([1, 2, 3]);

    // Assess
    expect(interval.mean).toBe(2);
    expect(interval.n).toBe(3);
    expect(interval.halfWidth).toBeCloseTo((4.302653 * 1) / Math.sqrt(3), 5);
  });

  it('has no interval for one value, and refuses none', () => {
    // Act
    const one = meanInterval([0.25]);

    // Assess
    expect(one).toEqual({ mean: 0.25, halfWidth: null, n: 1 });
    expect(() => meanInterval([])).toThrow(InvalidArgumentError);
  });
});

describe('pairedTest', () => {
  it('tests the per-seed differences: t = d̄ / (s_d / √n), two-sided p', () => {
    // Prepare: differences 0.01, 0.02, 0.03 → d̄ 0.02, s_d 0.01, t = 0.02 / (0.01/√3) = 3.4641
    const a = [0.11, 0.22, 0.33];
    const b = [0.1, 0.2, 0.3];

    // Act
    const test = pairedTest(a, b);

    // Assess: P(|T₂| > 3.4641) = 0.07418
    expect(test.n).toBe(3);
    expect(test.meanDifference).toBeCloseTo(0.02, 10);
    expect(test.t).toBeCloseTo(3.4641, 3);
    expect(test.pValue).toBeCloseTo(0.07418, 4);
    expect(test.halfWidth).toBeCloseTo((4.302653 * 0.01) / Math.sqrt(3), 5);
  });

  it('gives no t when every difference is the same, and none for one pair', () => {
    // Act
    const constant = pairedTest([0.2, 0.3], [0.1, 0.2]);
    const single = pairedTest([0.2], [0.1]);

    // Assess
    expect(constant.t).toBeNull();
    expect(constant.pValue).toBeNull();
    expect(constant.halfWidth).toBeCloseTo(0, 12);
    expect(constant.meanDifference).toBeCloseTo(0.1, 12);
    expect(single).toMatchObject({ n: 1, halfWidth: null, t: null, pValue: null });
  });

  it('refuses sides of different lengths', () => {
    expect(() => pairedTest([1, 2], [1])).toThrow(InvalidArgumentError);
  });
});
