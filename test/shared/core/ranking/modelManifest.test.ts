import { describe, expect, it } from 'vitest';
import { modelManifestSchema } from '../../../../shared/src/core/ranking/index.js';

const manifest = {
  format: 1,
  input: 'item_seq',
  maxLen: 200,
  numItems: 3416,
  scores: 'scores',
  taps: ['seq_repr', 'item_embeddings', 'attention_0'],
};

describe('modelManifestSchema', () => {
  it('accepts the manifest the trainer writes for the seed', () => {
    // Prepare / Act
    const parsed = modelManifestSchema.safeParse(manifest);

    // Assess
    expect(parsed.success).toBe(true);
  });

  it.each([
    ['an extra key', { ...manifest, opset: 20 }],
    ['an unknown format', { ...manifest, format: 2 }],
    ['a zero maxLen', { ...manifest, maxLen: 0 }],
    ['a repeated tap', { ...manifest, taps: ['seq_repr', 'seq_repr'] }],
    ['no taps list', { ...manifest, taps: undefined }],
  ])('rejects a manifest with %s', (_, candidate) => {
    // Prepare / Act
    const parsed = modelManifestSchema.safeParse(candidate);

    // Assess
    expect(parsed.success).toBe(false);
  });
});
