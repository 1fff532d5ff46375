import { InvalidArgumentError } from '../../errors.js';
import type { ModelManifest } from './modelManifest.js';
import type { ScoreOptions } from './scoringModel.js';

/** ScoreOptions with defaults filled in, checked against the model. */
interface ScoreRequest {
  readonly k: number;
  readonly taps: readonly string[];
  readonly excludeSeen: boolean;
  readonly includeScores: boolean;
}

function resolveScoreOptions(options: ScoreOptions, manifest: ModelManifest): ScoreRequest {
  const { k, taps = [], excludeSeen = true, includeScores = false } = options;
  if (!Number.isInteger(k) || k < 1 || k > manifest.numItems) {
    throw new InvalidArgumentError(`k must be an integer in 1..${manifest.numItems}, got ${k}`);
  }
  const unknown = taps.filter((tap) => !manifest.taps.includes(tap));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown taps ${unknown.join(', ')}; the model declares: ${manifest.taps.join(', ') || 'none'}`
    );
  }
  return { k, taps: [...new Set(taps)], excludeSeen, includeScores };
}

export type { ScoreRequest };
export { resolveScoreOptions };
