import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeComplexity } from '../../../../shared/src/core/program/index.js';
import { repoRoot } from '../../../../shared/src/local/index.js';

const seedText = readFileSync(join(repoRoot, 'programs', 'sasrec', 'model.py'), 'utf8');

describe('codeComplexity', () => {
  it('counts the code tokens inside evolve blocks only', () => {
    // Prepare
    const text = [
      'import torch',
      '# EVOLVE-BLOCK-START a',
      'x = f(1)  # five tokens, the comment none',
      '# EVOLVE-BLOCK-END',
      'y = 2',
      '',
    ].join('\n');

    // Act
    const complexity = codeComplexity({ 'model.py': text });

    // Assess
    expect(complexity).toBe(6);
  });

  it('ignores comments, docstrings and line wrapping, and sums over files', () => {
    // Prepare
    const seed = codeComplexity({ 'model.py': seedText });
    const rewrapped = seedText.replace(
      'negatives = torch.randint(\n        1, num_items + 1,',
      '# sampled uniformly\n    negatives = torch.randint(1, num_items + 1,'
    );
    const probes = '// EVOLVE-BLOCK-START probes\nconst a = 1;\n// EVOLVE-BLOCK-END\n';

    // Act
    const same = codeComplexity({ 'model.py': rewrapped });
    const withProbes = codeComplexity({ 'model.py': seedText, 'probes.js': probes });

    // Assess
    expect(rewrapped).not.toBe(seedText);
    expect(seed).toBeGreaterThan(500);
    expect(same).toBe(seed);
    expect(withProbes).toBe(seed + 5);
  });
});
