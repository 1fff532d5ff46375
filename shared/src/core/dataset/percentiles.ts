/**
 * Mid-rank percentile of `value` among `sortedValues` (ascending): the share of values below it
 * plus half the share equal to it, in [0, 1]. Ties count half so that a population of equal
 * values sits at 0.5, not at 0 or 1.
 */
function midRankPercentile(sortedValues: readonly number[], value: number): number {
  if (sortedValues.length === 0) return 0.5;
  const below = lowerBound(sortedValues, value);
  const equal = lowerBound(sortedValues, value, true) - below;
  return (below + equal / 2) / sortedValues.length;
}

/** Index of the first value >= `value` (or > `value` when `strict`), by binary search. */
function lowerBound(sortedValues: readonly number[], value: number, strict = false): number {
  let low = 0;
  let high = sortedValues.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const probe = sortedValues[middle] as number;
    if (probe < value || (strict && probe === value)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Each item's mid-rank popularity percentile among items 1..numItems; index 0 is padding. */
function itemPopularityPercentiles(popularity: Uint32Array): Float64Array {
  const counts = Array.from(popularity.subarray(1)).sort((a, b) => a - b);
  const percentiles = new Float64Array(popularity.length);
  for (let item = 1; item < popularity.length; item += 1) {
    percentiles[item] = midRankPercentile(counts, popularity[item] as number);
  }
  return percentiles;
}

export { itemPopularityPercentiles, midRankPercentile };
