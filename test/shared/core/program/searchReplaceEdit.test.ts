import { describe, expect, it } from 'vitest';
import { searchReplaceEditSchema } from '../../../../shared/src/core/program/index.js';

describe('searchReplaceEditSchema', () => {
  it('accepts an edit with its four fields', () => {
    // Prepare
    const edit = { file: 'model.py', block: 'loss', search: 'a', replace: 'b' };

    // Act
    const parsed = searchReplaceEditSchema.safeParse(edit);

    // Assess
    expect(parsed).toEqual({ success: true, data: edit });
  });

  it.each([
    ['an extra field', { file: 'model.py', block: 'loss', search: 'a', replace: 'b', line: 3 }],
    ['no block', { file: 'model.py', search: 'a', replace: 'b' }],
    ['an empty file name', { file: '', block: 'loss', search: 'a', replace: 'b' }],
  ])('rejects an edit with %s', (_, edit) => {
    // Act
    const parsed = searchReplaceEditSchema.safeParse(edit);

    // Assess
    expect(parsed.success).toBe(false);
  });
});
