import { InvalidArgumentError } from '../../errors.js';
import type { ItemCatalog } from '../dataset/index.js';
import type { History, ScoringResult, TapTensor } from '../ranking/index.js';
import type { ProbeInput, ProbeTap } from './probeInput.js';

/** Bounds on a ProbeInput, so that its JSON stays small enough for the sandbox's memory limit. */
interface ProbeInputLimits {
  readonly maxUsers: number;
  /** A history keeps its most recent items. */
  readonly maxHistoryLength: number;
  /** A tap keeps whole leading rows up to this many values. */
  readonly maxTapValues: number;
}

/** About 6 MB of JSON for ml-1m's seed taps, which the sandbox parses in a fraction of a second. */
const DEFAULT_PROBE_INPUT_LIMITS: ProbeInputLimits = {
  maxUsers: 256,
  maxHistoryLength: 200,
  maxTapValues: 400_000,
};

/** Histories that were scored, the result of scoring them (with taps), and the catalogue. */
interface ProbeInputSource {
  readonly histories: readonly History[];
  readonly result: ScoringResult;
  readonly catalog: ItemCatalog;
}

/**
 * The bounded, plain-array input of a probes.js run. When there are more users than `maxUsers`,
 * evenly spaced ones are kept, so that a sample ordered by stratum stays spread over its strata.
 * A tap whose first axis has one row per scored history is a batched tap and keeps the kept
 * users' rows; any other tap is copied as it is. A tap with one row per item id (numItems + 1,
 * as item_embeddings) counts as per item even when the number of histories happens to match.
 */
function buildProbeInput(
  source: ProbeInputSource,
  limits: ProbeInputLimits = DEFAULT_PROBE_INPUT_LIMITS
): ProbeInput {
  const { histories, result, catalog } = source;
  checkLimits(limits);
  if (histories.length === 0)
    throw new InvalidArgumentError('a probe input needs at least one user');
  if (result.users.length !== histories.length) {
    throw new InvalidArgumentError(
      `the scoring result has ${result.users.length} users but ${histories.length} histories were given`
    );
  }
  const kept = evenlySpacedIndices(histories.length, limits.maxUsers);
  const users = kept.map((index) => ({
    history: (histories[index] ?? []).slice(-limits.maxHistoryLength),
    topK: [...(result.users[index]?.items ?? [])],
  }));
  const taps = Object.fromEntries(
    Object.entries(result.taps).map(([name, tap]) => {
      const rows = tap.dims[0];
      const batched = rows === histories.length && rows !== catalog.numItems + 1;
      return [name, plainTap(batched ? selectRows(tap, kept) : tap, limits.maxTapValues)];
    })
  );
  return {
    users,
    taps,
    catalog: {
      numItems: catalog.numItems,
      popularity: Array.from(catalog.popularity),
      genres: catalog.items.map((item) => [...item.genres]),
    },
  };
}

function checkLimits(limits: ProbeInputLimits): void {
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) {
      throw new InvalidArgumentError(`${name} must be a positive integer, got ${value}`);
    }
  }
}

/** `count` indices of 0..total-1 spread evenly, all of them when total <= count. */
function evenlySpacedIndices(total: number, count: number): number[] {
  const kept = Math.min(total, count);
  return Array.from({ length: kept }, (_, index) => Math.floor((index * total) / kept));
}

function selectRows(tap: TapTensor, rows: readonly number[]): TapTensor {
  const rowSize = rowSizeOf(tap.dims);
  const data = new Float32Array(rows.length * rowSize);
  rows.forEach((row, position) => {
    data.set(tap.data.subarray(row * rowSize, (row + 1) * rowSize), position * rowSize);
  });
  return { dims: [rows.length, ...tap.dims.slice(1)], data };
}

/** Copies a tap into a plain array, cut to whole leading rows when it holds too many values. */
function plainTap(tap: TapTensor, maxValues: number): ProbeTap {
  const [rows = 1, ...rest] = tap.dims;
  const rowSize = rowSizeOf(tap.dims);
  const keptRows = Math.min(rows, Math.floor(maxValues / Math.max(rowSize, 1)));
  const dims = tap.dims.length === 0 ? [] : [keptRows, ...rest];
  return { dims, data: Array.from(tap.data.subarray(0, keptRows * rowSize)) };
}

/** Values per row along the first axis (1 for a scalar or a vector). */
function rowSizeOf(dims: readonly number[]): number {
  return dims.slice(1).reduce((size, dim) => size * dim, 1);
}

export type { ProbeInputLimits, ProbeInputSource };
export { buildProbeInput, DEFAULT_PROBE_INPUT_LIMITS };
