/**
 * What a probes.js script receives: plain JSON data, so that it crosses into the sandbox as text
 * and the script needs no knowledge of typed arrays or of the model runtime.
 */

/** One sampled user: history oldest first (most recent last) and the model's top-K, best first. */
interface ProbeUser {
  readonly history: readonly number[];
  readonly topK: readonly number[];
}

/**
 * A tap as a row-major array. A tap with a batch axis has one row per user, in the order of
 * `users`; its first axis may be cut short (see `ProbeInputLimits`), so a probe reads `dims`.
 */
interface ProbeTap {
  readonly dims: readonly number[];
  readonly data: readonly number[];
}

/** The catalogue, indexed by item id 1..numItems; index 0 is padding, never an item. */
interface ProbeCatalog {
  readonly numItems: number;
  /** Training interactions per item id. */
  readonly popularity: readonly number[];
  readonly genres: readonly (readonly string[])[];
}

interface ProbeInput {
  readonly users: readonly ProbeUser[];
  readonly taps: Readonly<Record<string, ProbeTap>>;
  readonly catalog: ProbeCatalog;
}

export type { ProbeCatalog, ProbeInput, ProbeTap, ProbeUser };
