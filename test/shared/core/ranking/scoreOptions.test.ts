import { describe, expect, it } from 'vitest';
import type { ModelManifest } from '../../../../shared/src/core/ranking/index.js';
import { resolveScoreOptions } from '../../../../shared/src/core/ranking/index.js';
import { InvalidArgumentError } from '../../../../shared/src/errors.js';

const manifest: ModelManifest = {
  format: 1,
  input: 'item_seq',
  maxLen: 50,
  numItems: 100,
  scores: 'scores',
  taps: ['seq_repr', 'item_embeddings'],
};

describe('resolveScoreOptions', () => {
  it('fills in the defaults when only k is given', () => {
    // Prepare / Act
    const request = resolveScoreOptions({ k: 10 }, manifest);

    // Assess
    expect(request).toEqual({ k: 10, taps: [], excludeSeen: true, includeScores: false });
  });

  it.each([0, 101, 2.5])('throws InvalidArgumentError when k is %s', (k) => {
    // Prepare / Act
    const act = () => resolveScoreOptions({ k }, manifest);

    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow('k must be an integer in 1..100');
  });

  it('names the unknown tap and the declared ones when a tap is not in the manifest', () => {
    // Prepare / Act
    const act = () => resolveScoreOptions({ k: 5, taps: ['seq_repr', 'attention'] }, manifest);

    // Assess
    expect(act).toThrow('unknown taps attention; the model declares: seq_repr, item_embeddings');
  });
});
