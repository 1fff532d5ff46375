import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsProbeSandbox } from '../../shared/src/adapters/index.js';
import type { ProbeInput, ProbeRun, ProbeSandbox } from '../../shared/src/core/probes/index.js';
import { vetProbeScript } from '../../shared/src/engine/index.js';
import { repoRoot } from '../../shared/src/local/paths.js';
import { realShapedProbeInput } from '../shared/core/probes/realShapedInput.js';

const sandbox = createQuickJsProbeSandbox();
const SMALL_SHAPE = { users: 12, items: 40, hidden: 8, maxLen: 10, k: 5 };

let seedProbes: string;
let small: ProbeInput;

beforeAll(async () => {
  seedProbes = await readFile(join(repoRoot, 'programs', 'sasrec', 'probes.js'), 'utf8');
  small = realShapedProbeInput(SMALL_SHAPE);
});

const script = (body: string) => `function probes(input) {\n${body}\n}`;

/** A sandbox that answers each run with the next of `runs`, recording what it was asked. */
function scriptedSandbox(runs: readonly ProbeRun[]) {
  const calls: string[] = [];
  const fake: ProbeSandbox = {
    run: async (source) => {
      calls.push(source);
      const next = runs[calls.length - 1];
      if (next === undefined) throw new Error('the test sandbox ran out of scripted runs');
      return next;
    },
  };
  return { fake, calls };
}

describe('vetProbeScript', () => {
  it('accepts the seed probes.js on an input shaped like ml-1m', async () => {
    // Prepare
    const input = realShapedProbeInput();

    // Act
    const vetted = await vetProbeScript(
      sandbox,
      { candidate: seedProbes, parent: seedProbes },
      input
    );

    // Assess
    expect(vetted).toEqual({
      source: seedProbes,
      figures: expect.objectContaining({ attention_entropy: expect.any(Number) }),
      accepted: true,
      dropped: [],
    });
    expect(Object.keys(vetted.figures)).toHaveLength(8);
  });

  it('keeps the parent when the candidate ignores its input, with the parent figures', async () => {
    // Prepare
    const constant = script('return { answer: 42 };');

    // Act
    const vetted = await vetProbeScript(
      sandbox,
      { candidate: constant, parent: seedProbes },
      small
    );

    // Assess
    expect(vetted.source).toBe(seedProbes);
    expect(vetted.accepted).toBe(false);
    expect(vetted.figures).toHaveProperty('embedding_norm_popularity_corr');
    expect(vetted.rejection).toBe(
      'no figure (answer) moved under a known perturbation (item_embeddings rows shuffled, every tap value scaled by a random factor, top-K items relabelled), so the probes do not read the model'
    );
  });

  it('keeps a candidate whose one figure moves, dropping its constant one by name', async () => {
    // Prepare
    const candidate = script(
      'const tap = input.taps.item_embeddings;\nreturn { first_embedding_value: tap.data[tap.dims[1]], answer: 42 };'
    );

    // Act
    const vetted = await vetProbeScript(sandbox, { candidate, parent: seedProbes }, small);

    // Assess
    expect(vetted).toEqual({
      source: candidate,
      figures: { first_embedding_value: small.taps.item_embeddings?.data[8] },
      accepted: true,
      dropped: ['answer'],
    });
  });

  it('accepts a candidate that adds a probe reading a tap, with its figures', async () => {
    // Prepare
    const candidate = seedProbes.replace(
      '  return figures;\n}',
      '  figures.first_embedding_value = taps.item_embeddings.data[taps.item_embeddings.dims[1]];\n  return figures;\n}'
    );

    // Act
    const vetted = await vetProbeScript(sandbox, { candidate, parent: seedProbes }, small);

    // Assess
    expect(vetted.accepted).toBe(true);
    expect(vetted.source).toBe(candidate);
    expect(vetted.figures.first_embedding_value).toBe(small.taps.item_embeddings?.data[8]);
  });

  it('keeps the parent when the candidate returns NaN, naming the probe', async () => {
    // Prepare
    const candidate = script('return { spread: input.taps.seq_repr.data[0] * 0 / 0 };');

    // Act
    const vetted = await vetProbeScript(sandbox, { candidate, parent: seedProbes }, small);

    // Assess
    expect(vetted.source).toBe(seedProbes);
    expect(vetted.rejection).toContain("probe 'spread' returned NaN");
  });

  it("keeps the parent when the candidate is not deterministic, with the parent's vetted figures", async () => {
    // Prepare: the parent's figure 'kept' moves under the perturbation, its 'constant' does not
    const parentFigures = { kept: 1, constant: 5 };
    const { fake, calls } = scriptedSandbox([
      { ok: true, figures: { sample: 0.1 }, ms: 1 },
      { ok: true, figures: { sample: 0.2 }, ms: 1 },
      { ok: true, figures: { sample: 0.3 }, ms: 1 },
      { ok: true, figures: parentFigures, ms: 1 },
      { ok: true, figures: parentFigures, ms: 1 },
      { ok: true, figures: { kept: 2, constant: 5 }, ms: 1 },
    ]);

    // Act
    const vetted = await vetProbeScript(fake, { candidate: 'candidate', parent: 'parent' }, small);

    // Assess
    expect(calls).toEqual(['candidate', 'candidate', 'candidate', 'parent', 'parent', 'parent']);
    expect(vetted).toEqual({
      source: 'parent',
      figures: { kept: 1 },
      accepted: false,
      rejection:
        "it is not deterministic: probe 'sample' gave 0.1 and then 0.2 on the same input; a probe must be a pure function of its input",
      dropped: ['constant'],
    });
  });

  it('runs a failing candidate once and says when the parent fails on this model too', async () => {
    // Prepare
    const { fake, calls } = scriptedSandbox([
      { ok: false, reason: 'probes.js ran past its time limit of 5000 ms' },
      {
        ok: false,
        reason: "probes(input) threw TypeError: cannot read property 'dims' of undefined",
      },
    ]);

    // Act
    const vetted = await vetProbeScript(fake, { candidate: 'candidate', parent: 'parent' }, small);

    // Assess
    expect(calls).toEqual(['candidate', 'parent']);
    expect(vetted).toEqual({
      source: 'parent',
      figures: {},
      accepted: false,
      rejection:
        "it failed to run: probes.js ran past its time limit of 5000 ms; the parent's probes.js fails on this model too: it failed to run: probes(input) threw TypeError: cannot read property 'dims' of undefined",
      dropped: [],
    });
  });

  it('rejects an unchanged probes.js none of whose figures reads the model, keeping no figure', async () => {
    // Prepare: a figure of the catalogue alone cannot react to the perturbation
    const catalogueOnly = script('return { items: input.catalog.numItems };');

    // Act
    const vetted = await vetProbeScript(
      sandbox,
      { candidate: catalogueOnly, parent: catalogueOnly },
      small
    );

    // Assess
    expect(vetted.accepted).toBe(false);
    expect(vetted.source).toBe(catalogueOnly);
    expect(vetted.figures).toEqual({});
    expect(vetted.rejection).toMatch(/^no figure \(items\) moved/);
  });
});
