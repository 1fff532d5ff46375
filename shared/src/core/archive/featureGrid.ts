import type { FeatureDimension } from './archiveConfig.js';
import type { ArchiveEntry } from './archiveEntry.js';
import { compareEntries } from './archiveEntry.js';
import type { ArchiveState } from './archiveState.js';

type ObservedBounds = ArchiveState['bounds'];

/** One occupied MAP-Elites cell: its bin per dimension and the best program that falls in it. */
interface GridCell {
  readonly cell: number[];
  readonly champion: ArchiveEntry;
}

/** Widens the observed range of every adaptive dimension to take in the entry's values. */
function widenBounds(
  bounds: ObservedBounds,
  dimensions: readonly FeatureDimension[],
  features: ArchiveEntry['features']
): ObservedBounds {
  const widened = { ...bounds };
  for (const { name, range } of dimensions) {
    const value = features[name];
    if (range !== undefined || value === undefined) continue;
    const seen = widened[name];
    widened[name] =
      seen === undefined
        ? { min: value, max: value }
        : { min: Math.min(seen.min, value), max: Math.max(seen.max, value) };
  }
  return widened;
}

/**
 * The bin of one value. A program lacking the value goes to bin 0, with the lowest values: a
 * missing measurement (say, no simulator satisfaction yet) is treated as the least of it.
 * An adaptive dimension that has seen a single value so far has only bin 0 to offer.
 */
function binOf(
  value: number | undefined,
  dimension: FeatureDimension,
  bounds: ObservedBounds
): number {
  const span = dimension.range ?? observedSpan(bounds, dimension.name);
  if (value === undefined || span === undefined || span[1] <= span[0]) return 0;
  const [min, max] = span;
  const position = (Math.min(Math.max(value, min), max) - min) / (max - min);
  return Math.min(dimension.bins - 1, Math.floor(position * dimension.bins));
}

function observedSpan(bounds: ObservedBounds, name: string): [number, number] | undefined {
  const seen = bounds[name];
  return seen === undefined ? undefined : [seen.min, seen.max];
}

function cellOf(entry: ArchiveEntry, archive: ArchiveState): number[] {
  return archive.config.dimensions.map((dimension) =>
    binOf(entry.features[dimension.name], dimension, archive.bounds)
  );
}

function cellKey(cell: readonly number[]): string {
  return cell.join(',');
}

/** The occupied cells of a set of programs, keyed by cellKey, in order of first occupation. */
function gridOf(entries: readonly ArchiveEntry[], archive: ArchiveState): Map<string, GridCell> {
  const grid = new Map<string, GridCell>();
  for (const entry of entries) {
    const cell = cellOf(entry, archive);
    const key = cellKey(cell);
    const occupant = grid.get(key);
    if (occupant === undefined || compareEntries(entry, occupant.champion) < 0) {
      grid.set(key, { cell, champion: entry });
    }
  }
  return grid;
}

/** How many cells a grid has; the denominator of occupancy. */
function cellCount(dimensions: readonly FeatureDimension[]): number {
  return dimensions.reduce((count, dimension) => count * dimension.bins, 1);
}

export type { GridCell };
export { binOf, cellCount, cellKey, cellOf, gridOf, widenBounds };
