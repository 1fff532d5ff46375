import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvolveBlocks } from '../../../../shared/src/core/program/index.js';
import { EvolveBlockError, InvalidArgumentError } from '../../../../shared/src/errors.js';
import { repoRoot } from '../../../../shared/src/local/index.js';

const seed = readFileSync(join(repoRoot, 'programs', 'sasrec', 'model.py'), 'utf8');

describe('parseEvolveBlocks', () => {
  it('finds the four blocks of the seed in order, each with its exact content and offsets', () => {
    // Act
    const blocks = parseEvolveBlocks('model.py', seed);

    // Assess
    expect(blocks.map((block) => block.name)).toEqual([
      'hyperparameters',
      'architecture',
      'loss',
      'optimizer',
    ]);
    for (const block of blocks) {
      expect(seed.slice(block.start, block.end)).toBe(block.content);
      expect(block.content.endsWith('\n')).toBe(true);
    }
    expect(blocks[0]?.content).toMatch(/^HPARAMS = \{\n/);
  });

  it('reads // markers in a JavaScript file, indented or not', () => {
    // Prepare
    const text = [
      'const a = 1;',
      '// EVOLVE-BLOCK-START probes',
      'function probe() {}',
      '  //EVOLVE-BLOCK-END',
      '',
    ].join('\n');

    // Act
    const blocks = parseEvolveBlocks('probes.js', text);

    // Assess
    expect(blocks).toEqual([
      { name: 'probes', content: 'function probe() {}\n', start: 42, end: 62 },
    ]);
  });

  it('gives an empty content for a block with no lines', () => {
    // Act
    const [block] = parseEvolveBlocks('m.py', '# EVOLVE-BLOCK-START a\n# EVOLVE-BLOCK-END\n');

    // Assess
    expect(block?.content).toBe('');
  });

  it.each([
    ['an END without a START', 'x = 1\n# EVOLVE-BLOCK-END\n', /m\.py:2: EVOLVE-BLOCK-END without/],
    [
      'a START without an END',
      '# EVOLVE-BLOCK-START a\nx = 1\n',
      /m\.py:1: block 'a' has no EVOLVE-BLOCK-END/,
    ],
    [
      'nested blocks',
      '# EVOLVE-BLOCK-START a\n# EVOLVE-BLOCK-START b\n# EVOLVE-BLOCK-END\n# EVOLVE-BLOCK-END\n',
      /m\.py:2: block 'b' starts inside block 'a' \(opened at line 1\)/,
    ],
    [
      'a name used twice',
      '# EVOLVE-BLOCK-START a\n# EVOLVE-BLOCK-END\n# EVOLVE-BLOCK-START a\n# EVOLVE-BLOCK-END\n',
      /m\.py:3: block 'a' is defined twice/,
    ],
    ['a START without a name', '# EVOLVE-BLOCK-START\n# EVOLVE-BLOCK-END\n', /m\.py:1: malformed/],
    ['a marker with code on its line', 'x = 1  # EVOLVE-BLOCK-END\n', /m\.py:1: malformed/],
    ['a marker behind the wrong comment', '// EVOLVE-BLOCK-START a\n', /m\.py:1: malformed/],
  ])('throws an EvolveBlockError naming the line for %s', (_, text, message) => {
    // Act
    const parse = () => parseEvolveBlocks('m.py', text);

    // Assess
    expect(parse).toThrow(EvolveBlockError);
    expect(parse).toThrow(message);
  });

  it('refuses a file whose language it cannot tell', () => {
    // Act
    const parse = () => parseEvolveBlocks('notes.txt', '');

    // Assess
    expect(parse).toThrow(InvalidArgumentError);
  });
});
