import { describe, expect, it } from 'vitest';
import { MAX_PROBES, probeOutputSchema } from '../../../../shared/src/core/probes/index.js';

describe('probeOutputSchema', () => {
  it('reads figures and turns the strings the sandbox writes for non-finite numbers back', () => {
    // Prepare
    const output = { entropy: 0.5, $odd_name: -2, nan: 'NaN', up: 'Infinity', down: '-Infinity' };

    // Act
    const figures = probeOutputSchema.parse(output);

    // Assess
    expect(figures).toEqual({
      entropy: 0.5,
      $odd_name: -2,
      nan: Number.NaN,
      up: Number.POSITIVE_INFINITY,
      down: Number.NEGATIVE_INFINITY,
    });
  });

  it.each([
    ['a string figure', { a: 'high' }, 'a: a figure must be a number'],
    ['a null figure', { a: null }, 'a: a figure must be a number'],
    ['a nested object', { a: { b: 1 } }, 'a: a figure must be a number'],
    ['a name with a space', { 'a b': 1 }, 'a b: a probe name must be an identifier'],
    ['a name starting with a digit', { '1a': 1 }, '1a: a probe name must be an identifier'],
    ['no figures', {}, 'probes(input) returned no figures'],
    [
      'too many figures',
      Object.fromEntries(Array.from({ length: MAX_PROBES + 1 }, (_, index) => [`p${index}`, 1])),
      `returned ${MAX_PROBES + 1} figures, more than ${MAX_PROBES}`,
    ],
  ])('rejects %s', (_, output, message) => {
    // Prepare / Act
    const parsed = probeOutputSchema.safeParse(output);

    // Assess
    expect(parsed.success).toBe(false);
    const issues = parsed.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    expect(issues?.join('\n')).toContain(message);
  });
});
