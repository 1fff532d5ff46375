import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NasSearchSpaceDeclaration } from '../../../../shared/src/core/nas/index.js';
import {
  nasSearchSpaceDeclarationSchema,
  nasVariantFiles,
  resolveNasSearchSpace,
} from '../../../../shared/src/core/nas/index.js';
import { parseEvolveBlocks } from '../../../../shared/src/core/program/index.js';
import { SearchSpaceError } from '../../../../shared/src/errors.js';
import { seedDir, seedFiles, seedSearchSpace } from './seedSearchSpace.js';

const declaration: NasSearchSpaceDeclaration = nasSearchSpaceDeclarationSchema.parse(
  JSON.parse(readFileSync(join(seedDir, 'search-space.json'), 'utf8'))
);
const variant = (block: string) =>
  `# EVOLVE-BLOCK-START ${block}\ndef next_item_loss():\n    pass\n# EVOLVE-BLOCK-END\n`;
const lossSources = { 'a.py': variant('loss'), 'b.py': variant('loss') };

function small(overrides: Partial<NasSearchSpaceDeclaration>): NasSearchSpaceDeclaration {
  return {
    schemaVersion: 1,
    file: 'model.py',
    hyperparametersBlock: 'hyperparameters',
    dimensions: {
      hidden: { kind: 'hparam', type: 'int', values: [32, 64] },
      loss: { kind: 'block', block: 'loss', variants: { a: 'a.py', b: 'b.py' } },
    },
    constraints: [],
    ...overrides,
  };
}

describe('the seed search space', () => {
  it('declares the nine dimensions with the hidden-over-heads constraint', () => {
    // Act
    const space = seedSearchSpace();

    // Assess
    expect(space.dimensions.map((dimension) => [dimension.name, dimension.values])).toEqual([
      ['blocks', [1, 2, 3]],
      ['hidden', [32, 50, 64, 128]],
      ['heads', [1, 2, 4]],
      ['dropout', [0.1, 0.2, 0.3, 0.5]],
      ['loss', ['bce', 'sampled_softmax', 'full_cross_entropy']],
      ['negatives', [1, 16, 64]],
      ['max_len', [50, 100, 200]],
      ['lr', [0.0005, 0.001, 0.002]],
      ['weight_decay', [0, 0.00001, 0.0001]],
    ]);
    expect(space.constraints).toEqual([
      { kind: 'divisible', dividend: 'hidden', divisor: 'heads' },
    ]);
  });

  it('has loss variants that define next_item_loss, the bce one being the seed loss block', () => {
    // Prepare
    const seedLoss = parseEvolveBlocks('model.py', seedFiles()['model.py'] ?? '').find(
      (block) => block.name === 'loss'
    );

    // Act
    const loss = seedSearchSpace().dimensions.find((dimension) => dimension.name === 'loss');

    // Assess
    const variants = loss?.kind === 'block' ? loss.variants : [];
    expect(variants.map((candidate) => candidate.name)).toEqual([
      'bce',
      'sampled_softmax',
      'full_cross_entropy',
    ]);
    for (const candidate of variants) {
      expect(candidate.content).toMatch(
        /^def next_item_loss\(\n {4}states: torch\.Tensor, targets: torch\.Tensor, item_emb: nn\.Embedding, num_items: int\n\) -> torch\.Tensor:/
      );
    }
    expect(variants[0]?.content).toBe(seedLoss?.content);
  });

  it('lists the variant files it needs read', () => {
    // Act
    const files = nasVariantFiles(declaration);

    // Assess
    expect(files).toEqual([
      'losses/bce.py',
      'losses/sampled_softmax.py',
      'losses/full_cross_entropy.py',
    ]);
  });
});

describe('nasSearchSpaceDeclarationSchema', () => {
  it.each([
    ['non-integer values of an int dimension', { kind: 'hparam', type: 'int', values: [1, 1.5] }],
    ['repeated values', { kind: 'hparam', type: 'float', values: [0.1, 0.1] }],
    ['a single value', { kind: 'hparam', type: 'int', values: [1] }],
    ['a single variant', { kind: 'block', block: 'loss', variants: { a: 'a.py' } }],
    ['an unknown field', { kind: 'hparam', type: 'int', values: [1, 2], step: 1 }],
  ])('rejects a dimension with %s', (_, dimension) => {
    // Act
    const parsed = nasSearchSpaceDeclarationSchema.safeParse({
      ...declaration,
      dimensions: { wrong: dimension },
    });

    // Assess
    expect(parsed.success).toBe(false);
  });
});

describe('resolveNasSearchSpace', () => {
  it('takes each variant as the content of its block in its file', () => {
    // Act
    const space = resolveNasSearchSpace(small({}), lossSources);

    // Assess
    expect(space.dimensions[1]).toEqual({
      kind: 'block',
      name: 'loss',
      block: 'loss',
      variants: [
        { name: 'a', content: 'def next_item_loss():\n    pass\n' },
        { name: 'b', content: 'def next_item_loss():\n    pass\n' },
      ],
      values: ['a', 'b'],
      activeWhen: {},
    });
  });

  it.each([
    [
      'a variant file is missing',
      small({}),
      { 'a.py': variant('loss') },
      /variant file b\.py was not given/,
    ],
    [
      'a variant file lacks the block',
      small({}),
      { 'a.py': variant('loss'), 'b.py': variant('other') },
      /b\.py has no evolve block 'loss'/,
    ],
    [
      'activeWhen names no dimension',
      small({
        dimensions: {
          hidden: { kind: 'hparam', type: 'int', values: [32, 64], activeWhen: { depth: [1] } },
        },
      }),
      {},
      /'hidden' is active depending on 'depth'/,
    ],
    [
      'activeWhen names a value the dimension never takes',
      small({
        dimensions: {
          loss: { kind: 'block', block: 'loss', variants: { a: 'a.py', b: 'b.py' } },
          negatives: { kind: 'hparam', type: 'int', values: [1, 4], activeWhen: { loss: ['c'] } },
        },
      }),
      lossSources,
      /'negatives' is active when 'loss' is c, which it never is/,
    ],
    [
      'a constraint names a float dimension',
      small({
        dimensions: { dropout: { kind: 'hparam', type: 'float', values: [0.1, 0.2] } },
        constraints: [{ kind: 'divisible', dividend: 'dropout', divisor: 'dropout' }],
      }),
      {},
      /needs 'dropout' to be an int dimension/,
    ],
  ])('throws a SearchSpaceError when %s', (_, given, sources, message) => {
    // Act
    const resolve = () => resolveNasSearchSpace(given, sources);

    // Assess
    expect(resolve).toThrow(SearchSpaceError);
    expect(resolve).toThrow(message);
  });
});
