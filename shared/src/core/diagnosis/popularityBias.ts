import { InvalidArgumentError } from '../../errors.js';
import { itemPopularityPercentiles } from '../dataset/index.js';

/** The head of the catalogue: the most popular items holding this share of interactions. */
const HEAD_INTERACTION_SHARE = 0.2;

const POPULARITY_BIAS_DEFINITIONS = {
  popularity_percentile:
    'mean popularity percentile (0-100, by training interactions) of the recommended items; 50 = a typical item',
  recommendation_gini:
    'Gini coefficient of how often each catalogue item is recommended; 0 = all equally, near 1 = a few items everywhere',
  long_tail_share: `share of recommendations outside the head, the most popular items holding ${HEAD_INTERACTION_SHARE * 100}% of training interactions`,
  catalog_coverage: 'distinct recommended items divided by the catalogue size',
} as const;

type PopularityBiasFigures = Record<keyof typeof POPULARITY_BIAS_DEFINITIONS, number>;

/**
 * How far the top-K lists lean on popular items. `popularity[id]` counts the training
 * interactions of item id (index 0 is padding); every id in `rankings` is in 1..numItems.
 */
function popularityBiasFigures(
  rankings: readonly (readonly number[])[],
  popularity: Uint32Array
): PopularityBiasFigures {
  const numItems = popularity.length - 1;
  const timesRecommended = new Float64Array(numItems + 1);
  for (const ranking of rankings) {
    for (const item of ranking) timesRecommended[item] = (timesRecommended[item] as number) + 1;
  }
  const slots = rankings.reduce((total, ranking) => total + ranking.length, 0);
  if (slots === 0) throw new InvalidArgumentError('popularity bias needs at least one ranked item');
  const percentiles = itemPopularityPercentiles(popularity);
  const head = headItems(popularity, HEAD_INTERACTION_SHARE);
  let percentileSum = 0;
  let tailSlots = 0;
  let distinct = 0;
  timesRecommended.forEach((times, item) => {
    if (times === 0) return;
    percentileSum += times * (percentiles[item] as number);
    if (!head.has(item)) tailSlots += times;
    distinct += 1;
  });
  return {
    popularity_percentile: (100 * percentileSum) / slots,
    recommendation_gini: giniCoefficient(timesRecommended.subarray(1)),
    long_tail_share: tailSlots / slots,
    catalog_coverage: distinct / numItems,
  };
}

/**
 * The fewest most popular items (ties by lower id) whose interactions reach `share` of all
 * training interactions; empty when there are none.
 */
function headItems(popularity: Uint32Array, share: number): Set<number> {
  const total = popularity.reduce((sum, count) => sum + count, 0);
  const byPopularity = Array.from({ length: popularity.length - 1 }, (_, index) => index + 1).sort(
    (a, b) => (popularity[b] as number) - (popularity[a] as number) || a - b
  );
  const head = new Set<number>();
  let covered = 0;
  for (const item of byPopularity) {
    if (covered >= share * total) break;
    head.add(item);
    covered += popularity[item] as number;
  }
  return head;
}

/**
 * Gini coefficient of non-negative values: Σᵢ (2i − n − 1)·xᵢ / (n·Σx) over the values sorted
 * ascending (i = 1..n). 0 when all are equal (or all zero), (n − 1)/n when one holds everything.
 */
function giniCoefficient(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const total = sorted.reduce((sum, value) => sum + value, 0);
  if (n === 0 || total === 0) return 0;
  const weighted = sorted.reduce((sum, value, index) => sum + (2 * (index + 1) - n - 1) * value, 0);
  return weighted / (n * total);
}

export type { PopularityBiasFigures };
export {
  giniCoefficient,
  HEAD_INTERACTION_SHARE,
  headItems,
  POPULARITY_BIAS_DEFINITIONS,
  popularityBiasFigures,
};
