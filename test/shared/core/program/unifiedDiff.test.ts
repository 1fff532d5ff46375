import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../../shared/src/core/program/index.js';

describe('unifiedDiff', () => {
  it('diffs each changed file git-style and leaves unchanged files out', () => {
    // Prepare
    const parent = { 'model.py': 'a = 1\nb = 2\nc = 3\n', 'probes.js': 'const p = 1;\n' };
    const child = { 'model.py': 'a = 1\nb = 20\nc = 3\n', 'probes.js': 'const p = 1;\n' };

    // Act
    const diff = unifiedDiff(parent, child);

    // Assess
    expect(diff).toBe(
      '--- a/model.py\n+++ b/model.py\n@@ -1,3 +1,3 @@\n a = 1\n-b = 2\n+b = 20\n c = 3\n'
    );
  });

  it('diffs an added file against /dev/null, in file-name order', () => {
    // Prepare
    const parent = { 'model.py': 'a = 1\n' };
    const child = { 'model.py': 'a = 2\n', 'probes.js': 'const p = 1;\n' };

    // Act
    const diff = unifiedDiff(parent, child);

    // Assess
    expect(diff).toBe(
      [
        '--- a/model.py',
        '+++ b/model.py',
        '@@ -1,1 +1,1 @@',
        '-a = 1',
        '+a = 2',
        '--- /dev/null',
        '+++ b/probes.js',
        '@@ -0,0 +1,1 @@',
        '+const p = 1;',
        '',
      ].join('\n')
    );
  });

  it('is empty for the same program', () => {
    // Act
    const diff = unifiedDiff({ 'model.py': 'a = 1\n' }, { 'model.py': 'a = 1\n' });

    // Assess
    expect(diff).toBe('');
  });
});
