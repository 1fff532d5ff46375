import { describe, expect, it } from 'vitest';
import type { ProbeFigures, ProbeRun } from '../../../../shared/src/core/probes/index.js';
import {
  describeDroppedFigures,
  judgeProbeTrials,
  MOVE_TOLERANCE,
} from '../../../../shared/src/core/probes/index.js';

const ran = (figures: ProbeFigures): ProbeRun => ({ ok: true, figures, ms: 12 });
const failed = (reason: string): ProbeRun => ({ ok: false, reason });

const figures = { entropy: 0.8, correlation: 0.4 };

describe('judgeProbeTrials', () => {
  it('accepts a script that ran, repeated itself and moved under the perturbation', () => {
    // Prepare
    const trials = {
      first: ran(figures),
      second: ran({ ...figures }),
      perturbed: ran({ entropy: 0.3, correlation: 0.01 }),
    };

    // Act
    const verdict = judgeProbeTrials(trials);

    // Assess
    expect(verdict).toEqual({ accepted: true, figures, dropped: [] });
  });

  it('keeps the figures that moved and drops those that did not, figure by figure', () => {
    // Prepare: correlation reads the model, constant rides along unchanged
    const first = ran({ correlation: 0.4, constant: 42 });
    const trials = { first, second: first, perturbed: ran({ correlation: 0.01, constant: 42 }) };

    // Act
    const verdict = judgeProbeTrials(trials);

    // Assess
    expect(verdict).toEqual({
      accepted: true,
      figures: { correlation: 0.4 },
      dropped: ['constant'],
    });
  });

  it('rejects a script that failed to run, passing the reason on', () => {
    // Prepare
    const reason = 'probes.js ran past its time limit of 5000 ms';

    // Act
    const verdict = judgeProbeTrials({
      first: failed(reason),
      second: ran(figures),
      perturbed: ran(figures),
    });

    // Assess
    expect(verdict).toEqual({ accepted: false, rejection: `it failed to run: ${reason}` });
  });

  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('rejects a figure of %s, naming the probe', (value, written) => {
    // Prepare
    const first = ran({ entropy: 0.8, broken: value });

    // Act
    const verdict = judgeProbeTrials({ first, second: first, perturbed: ran(figures) });

    // Assess
    expect(verdict).toEqual({
      accepted: false,
      rejection: `probe 'broken' returned ${written}; every probe must return a finite number`,
    });
  });

  it('rejects a script whose second run on the same input differs, naming the probe', () => {
    // Prepare
    const trials = {
      first: ran({ entropy: 0.8, sample: 0.1 }),
      second: ran({ entropy: 0.8, sample: 0.2 }),
      perturbed: ran({ entropy: 0.3, sample: 0.1 }),
    };

    // Act
    const verdict = judgeProbeTrials(trials);

    // Assess
    expect(verdict).toEqual({
      accepted: false,
      rejection:
        "it is not deterministic: probe 'sample' gave 0.1 and then 0.2 on the same input; a probe must be a pure function of its input",
    });
  });

  it('rejects a script whose second run returns other probes', () => {
    // Prepare
    const trials = { first: ran(figures), second: ran({ entropy: 0.8 }), perturbed: ran(figures) };

    // Act
    const verdict = judgeProbeTrials(trials);

    // Assess
    expect(verdict.accepted).toBe(false);
    expect(!verdict.accepted && verdict.rejection).toContain(
      "probe 'correlation' gave 0.4 and then undefined"
    );
  });

  it('rejects a script whose second run or perturbed run failed', () => {
    // Prepare
    const boom = 'probes(input) threw Error: boom';

    // Act
    const second = judgeProbeTrials({
      first: ran(figures),
      second: failed(boom),
      perturbed: ran(figures),
    });
    const perturbed = judgeProbeTrials({
      first: ran(figures),
      second: ran(figures),
      perturbed: failed(boom),
    });

    // Assess
    expect(second).toEqual({
      accepted: false,
      rejection: `a second run on the same input failed: ${boom}`,
    });
    expect(perturbed).toEqual({
      accepted: false,
      rejection: `it failed on the perturbed input (item_embeddings rows shuffled, every tap value scaled by a random factor, top-K items relabelled): ${boom}`,
    });
  });

  it('rejects a script none of whose figures moved beyond the tolerance', () => {
    // Prepare: a reordered summation changes a figure by far less than the tolerance
    const jitter = { entropy: 0.8 * (1 + MOVE_TOLERANCE / 10), correlation: 0.4 };

    // Act
    const verdict = judgeProbeTrials({
      first: ran(figures),
      second: ran(figures),
      perturbed: ran(jitter),
    });

    // Assess
    expect(verdict).toEqual({
      accepted: false,
      rejection:
        'no figure (entropy, correlation) moved under a known perturbation (item_embeddings rows shuffled, every tap value scaled by a random factor, top-K items relabelled), so the probes do not read the model',
    });
  });

  it.each([
    ['vanished', { entropy: 0.8 }],
    ['turned NaN', { entropy: 0.8, correlation: Number.NaN }],
  ])('does not count a figure that %s as moved', (_, after) => {
    // Prepare
    const before = { entropy: 0.8, correlation: 0.4 };

    // Act
    const verdict = judgeProbeTrials({
      first: ran(before),
      second: ran(before),
      perturbed: ran(after),
    });

    // Assess
    expect(verdict.accepted).toBe(false);
  });

  it('counts a move just past the tolerance', () => {
    // Prepare
    const after = { entropy: 0.8 * (1 + 2 * MOVE_TOLERANCE), correlation: 0.4 };

    // Act
    const verdict = judgeProbeTrials({
      first: ran(figures),
      second: ran(figures),
      perturbed: ran(after),
    });

    // Assess
    expect(verdict).toEqual({
      accepted: true,
      figures: { entropy: 0.8 },
      dropped: ['correlation'],
    });
  });
});

describe('describeDroppedFigures', () => {
  it('names each dropped figure and why, for the next prompt', () => {
    expect(describeDroppedFigures(['constant', 'catalogue_size'])).toBe(
      "probes.js figures dropped: 'constant', 'catalogue_size'; they did not move under a known perturbation (item_embeddings rows shuffled, every tap value scaled by a random factor, top-K items relabelled), so they do not read the model"
    );
  });
});
