import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsProbeSandbox } from '../../../../shared/src/adapters/index.js';
import type { ProbeFigures, ProbeInput } from '../../../../shared/src/core/probes/index.js';
import { parseEvolveBlocks } from '../../../../shared/src/core/program/index.js';
import { repoRoot } from '../../../../shared/src/local/paths.js';

const sandbox = createQuickJsProbeSandbox();
let seedProbes: string;

beforeAll(async () => {
  seedProbes = await readFile(join(repoRoot, 'programs', 'sasrec', 'probes.js'), 'utf8');
});

/**
 * Two users over 8 items with a window of 8. User 0 has 3 items and spreads attention evenly over
 * them; user 1 has 8 and splits it between its oldest and latest item. Item j has popularity j
 * and embedding [log(1 + j), 0].
 */
const ATTENTION_ROWS = [
  [0, 0, 0, 0, 0, 1 / 3, 1 / 3, 1 / 3],
  [0.5, 0, 0, 0, 0, 0, 0, 0.5],
];

function handBuiltInput(attention: ProbeInput['taps'][string]): ProbeInput {
  return {
    users: [
      { history: [1, 2, 3], topK: [4] },
      { history: [1, 2, 3, 4, 5, 6, 7, 8], topK: [5] },
    ],
    taps: {
      attention,
      seq_repr: { dims: [2, 2], data: [3, 4, 0, 2] },
      item_embeddings: {
        dims: [9, 2],
        data: Array.from({ length: 9 }, (_, item) => [Math.log1p(item), 0]).flat(),
      },
    },
    catalog: {
      numItems: 8,
      popularity: [0, 1, 2, 3, 4, 5, 6, 7, 8],
      genres: Array.from({ length: 9 }, () => []),
    },
  };
}

/** The answers worked out by hand from the probes' definitions in probes.js. */
const EXPECTED: ProbeFigures = {
  // User 0: entropy log 3 / log 3 = 1; user 1: log 2 / log 8 = 1/3.
  attention_entropy: (1 + 1 / 3) / 2,
  // User 0: all of it on its 3 items; user 1: half on the last 5 positions.
  attention_recent_share: (1 + 0.5) / 2,
  // Norms 5 and 2.
  seq_repr_norm_mean: 3.5,
  seq_repr_norm_cv: 1.5 / 3.5,
  // cos((3, 4), (0, 2)) = 0.8.
  seq_repr_mean_cosine: 0.8,
  embedding_norm_popularity_corr: 1,
  // cos((3, 4), (x, 0)) = 0.6 and cos((0, 2), (x, 0)) = 0.
  topk_alignment: 0.3,
  // Items 4 and 5 of 8 with distinct popularity: (3 + 0.5) / 8 and (4 + 0.5) / 8.
  topk_popularity_percentile: 0.5,
};

function expectFigures(actual: ProbeFigures, expected: ProbeFigures): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) {
    expect(actual[name], name).toBeCloseTo(value, 10);
  }
}

describe('the seed probes.js', () => {
  it('has one evolve block, named probes, that holds probes(input)', () => {
    // Prepare / Act
    const blocks = parseEvolveBlocks('probes.js', seedProbes);

    // Assess
    expect(blocks.map((block) => block.name)).toEqual(['probes']);
    expect(blocks[0]?.content).toContain('function probes(input)');
  });

  it('gives the known answer of every probe on a hand-built case', async () => {
    // Prepare
    const input = handBuiltInput({ dims: [2, 8], data: ATTENTION_ROWS.flat() });

    // Act
    const run = await sandbox.run(seedProbes, input);

    // Assess
    expect(run.ok).toBe(true);
    expectFigures(run.ok ? run.figures : {}, EXPECTED);
  });

  it('reads the last query row of a [batch, L, L] attention tap from its dims', async () => {
    // Prepare: earlier query rows hold noise that must not count
    const noise = Array.from({ length: 7 * 8 }, (_, index) => (index % 3) / 10);
    const data = ATTENTION_ROWS.flatMap((lastRow) => [...noise, ...lastRow]);
    const input = handBuiltInput({ dims: [2, 8, 8], data });

    // Act
    const run = await sandbox.run(seedProbes, input);

    // Assess
    expectFigures(run.ok ? run.figures : {}, EXPECTED);
  });

  it('leaves out the probes of a tap the model no longer has', async () => {
    // Prepare
    const { attention: _, ...taps } = handBuiltInput({
      dims: [2, 8],
      data: ATTENTION_ROWS.flat(),
    }).taps;
    const input = { ...handBuiltInput({ dims: [0], data: [] }), taps };

    // Act
    const run = await sandbox.run(seedProbes, input);

    // Assess
    const { attention_entropy, attention_recent_share, ...rest } = EXPECTED;
    expectFigures(run.ok ? run.figures : {}, rest);
  });
});
