import type { ModelManifest } from './modelManifest.js';
import type { Ranking } from './topK.js';
import type { History } from './windowHistories.js';

/** A float32 tensor read from the model, row-major. */
interface TapTensor {
  readonly dims: readonly number[];
  readonly data: Float32Array;
}

interface ScoreOptions {
  /** How many items to return per history, 1..numItems. */
  readonly k: number;
  /** Names from the manifest's `taps` to return. */
  readonly taps?: readonly string[];
  /** Leave items already in the history out of the ranking (default true, the protocol's rule). */
  readonly excludeSeen?: boolean;
  /** Also return each history's full, unmasked score row. */
  readonly includeScores?: boolean;
}

interface UserScores extends Ranking {
  /** Column j is item id j + 1; present when `includeScores` was asked for. */
  readonly scoreRow?: Float32Array;
}

interface ScoringResult {
  /** One entry per history, in input order. */
  readonly users: readonly UserScores[];
  /**
   * Requested taps by name. A tap with a batch axis has one row per history (in input order);
   * a tap without one (e.g. item_embeddings) is returned once.
   */
  readonly taps: Readonly<Record<string, TapTensor>>;
}

/** Port: a trained recommender that scores every item for a batch of histories. */
interface ScoringModel {
  readonly manifest: ModelManifest;
  score(histories: readonly History[], options: ScoreOptions): Promise<ScoringResult>;
  /** Frees the runtime's native resources. */
  close(): Promise<void>;
}

export type { ScoreOptions, ScoringModel, ScoringResult, TapTensor, UserScores };
