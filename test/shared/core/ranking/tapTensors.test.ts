import { describe, expect, it } from 'vitest';
import { concatBatchParts } from '../../../../shared/src/core/ranking/index.js';

describe('concatBatchParts', () => {
  it('stacks batch parts along the first axis when there are several', () => {
    // Prepare
    const parts = [
      { dims: [2, 2], data: new Float32Array([1, 2, 3, 4]) },
      { dims: [1, 2], data: new Float32Array([5, 6]) },
    ];

    // Act
    const tensor = concatBatchParts(parts);

    // Assess
    expect(tensor.dims).toEqual([3, 2]);
    expect(Array.from(tensor.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('returns the only part as it is when there is one', () => {
    // Prepare
    const part = { dims: [1, 3], data: new Float32Array([1, 2, 3]) };

    // Act / Assess
    expect(concatBatchParts([part])).toBe(part);
  });
});
