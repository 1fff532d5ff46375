import type { ProbeFigures } from './probeFigures.js';
import type { ProbeRun } from './probeSandbox.js';

/** The three runs the acceptance rules look at: twice on the same input, once perturbed. */
interface ProbeTrials {
  readonly first: ProbeRun;
  readonly second: ProbeRun;
  readonly perturbed: ProbeRun;
}

/**
 * Accepted with the first run's figures that moved under the perturbation (`dropped` names the
 * others), or rejected with a reason worded as feedback.
 */
type ProbeVerdict =
  | { readonly accepted: true; readonly figures: ProbeFigures; readonly dropped: readonly string[] }
  | { readonly accepted: false; readonly rejection: string };

/**
 * A figure has moved when it differs by more than this share of the larger magnitude: a summation
 * merely reordered by the shuffle changes a figure by about 1e-15, a probe that reads the model
 * by far more.
 */
const MOVE_TOLERANCE = 1e-6;

/** How rejections name the perturbation (see perturbProbeInput). */
const PERTURBATION =
  'item_embeddings rows shuffled, every tap value scaled by a random factor, top-K items relabelled';

/**
 * The acceptance rules for a probes.js script, in order: it ran, every figure is finite, a second
 * run on the same input gave identical figures, and it ran on the perturbed input. Then figure by
 * figure: one that did not move under the perturbation does not read the model (a constant, a
 * figure of the catalogue alone) and is dropped. A script with no figure left is rejected.
 */
function judgeProbeTrials(trials: ProbeTrials): ProbeVerdict {
  const { first, second, perturbed } = trials;
  if (!first.ok) return reject(`it failed to run: ${first.reason}`);
  const nonFinite = Object.entries(first.figures).filter(([, value]) => !Number.isFinite(value));
  if (nonFinite.length > 0) {
    const named = nonFinite.map(([name, value]) => `'${name}' returned ${value}`).join(', ');
    return reject(`probe ${named}; every probe must return a finite number`);
  }
  if (!second.ok) return reject(`a second run on the same input failed: ${second.reason}`);
  const unstable = firstDifference(first.figures, second.figures);
  if (unstable !== undefined) {
    return reject(
      `it is not deterministic: ${unstable} on the same input; a probe must be a pure function of its input`
    );
  }
  if (!perturbed.ok) {
    return reject(`it failed on the perturbed input (${PERTURBATION}): ${perturbed.reason}`);
  }
  const figures = Object.entries(first.figures);
  const moves = ([name, value]: [string, number]) => hasMoved(value, perturbed.figures[name]);
  const moved = figures.filter(moves);
  if (moved.length === 0) {
    const names = figures.map(([name]) => name).join(', ');
    return reject(
      `no figure (${names}) moved under a known perturbation (${PERTURBATION}), so the probes do not read the model`
    );
  }
  const dropped = figures.filter((figure) => !moves(figure)).map(([name]) => name);
  return { accepted: true, figures: Object.fromEntries(moved), dropped };
}

/** Which figures were dropped and why, as a sentence of the next prompt. */
function describeDroppedFigures(names: readonly string[]): string {
  const quoted = names.map((name) => `'${name}'`).join(', ');
  return `probes.js figures dropped: ${quoted}; they did not move under a known perturbation (${PERTURBATION}), so they do not read the model`;
}

function reject(rejection: string): ProbeVerdict {
  return { accepted: false, rejection };
}

/** The first figure the two runs disagree on, described, or undefined when they agree exactly. */
function firstDifference(before: ProbeFigures, after: ProbeFigures): string | undefined {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const name of names) {
    if (!Object.is(before[name], after[name])) {
      return `probe '${name}' gave ${before[name]} and then ${after[name]}`;
    }
  }
  return undefined;
}

/**
 * Whether a finite figure changed beyond MOVE_TOLERANCE. A figure missing or non-finite after the
 * perturbation does not count: a reaction must be a number that can be read.
 */
function hasMoved(before: number, after: number | undefined): boolean {
  if (after === undefined || !Number.isFinite(after)) return false;
  return Math.abs(before - after) > MOVE_TOLERANCE * Math.max(Math.abs(before), Math.abs(after));
}

export type { ProbeTrials, ProbeVerdict };
export { describeDroppedFigures, judgeProbeTrials, MOVE_TOLERANCE };
