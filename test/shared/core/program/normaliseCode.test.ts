import { describe, expect, it } from 'vitest';
import { normaliseCode } from '../../../../shared/src/core/program/index.js';

describe('normaliseCode', () => {
  it('drops Python comments, docstrings and blank lines and collapses whitespace', () => {
    // Prepare
    const text = [
      '"""Module docstring."""',
      'import torch  # the framework',
      '',
      'def f(x):',
      '    """Doubles x.',
      '',
      '    Over two lines."""',
      '    return   x *  2',
      '',
    ].join('\n');

    // Act
    const normalised = normaliseCode(text, 'model.py');

    // Assess
    expect(normalised).toBe('import torch\ndef f(x):\nreturn x * 2');
  });

  it('keeps string literals, even ones that hold a comment sign or a triple quote in use', () => {
    // Prepare
    const text = 'TAG = "#not-a-comment"  # a comment\nDOC = """kept: it is a value"""\n';

    // Act
    const normalised = normaliseCode(text, 'model.py');

    // Assess
    expect(normalised).toBe('TAG = "#not-a-comment"\nDOC = """kept: it is a value"""');
  });

  it('keeps Python floor division, which only looks like a JavaScript comment', () => {
    // Act
    const normalised = normaliseCode('head_dim = hidden // heads\n', 'model.py');

    // Assess
    expect(normalised).toBe('head_dim = hidden // heads');
  });

  it('drops JavaScript line and block comments but not their look-alikes in strings', () => {
    // Prepare
    const text = [
      '/** A probe. */',
      "const url = 'http://x'; // trailing",
      'const t = `a /* b */ c`;',
      'function f() { /* inline */ return 1; }',
    ].join('\n');

    // Act
    const normalised = normaliseCode(text, 'probes.js');

    // Assess
    expect(normalised).toBe(
      "const url = 'http://x';\nconst t = `a /* b */ c`;\nfunction f() { return 1; }"
    );
  });
});
