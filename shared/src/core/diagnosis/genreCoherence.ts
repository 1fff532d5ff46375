import type { CatalogItem } from '../dataset/index.js';
import type { History } from '../ranking/index.js';

/** How many of the latest items make up a user's recent taste. */
const RECENT_ITEMS = 10;

const GENRE_COHERENCE_DEFINITIONS = {
  genre_coherence: `overlap (0-1) of the genre mix of the top-K with that of the last ${RECENT_ITEMS} items; 1 = mirrors the recent genres`,
} as const;

type GenreCoherenceFigures = Record<keyof typeof GENRE_COHERENCE_DEFINITIONS, number>;

/**
 * Genre agreement between the top-K lists and the users' recent histories. Users whose recent
 * items or recommendations have no genres are left out; undefined when that leaves nobody (a
 * catalogue without genres), as there is then nothing to measure.
 */
function genreCoherenceFigures(
  histories: readonly History[],
  rankings: readonly (readonly number[])[],
  items: readonly CatalogItem[]
): GenreCoherenceFigures | undefined {
  let total = 0;
  let measured = 0;
  histories.forEach((history, user) => {
    const recent = genreShares(history.slice(-RECENT_ITEMS), items);
    const recommended = genreShares(rankings[user] ?? [], items);
    if (recent.size === 0 || recommended.size === 0) return;
    total += distributionOverlap(recent, recommended);
    measured += 1;
  });
  return measured === 0 ? undefined : { genre_coherence: total / measured };
}

/**
 * The genre mix of a list of items: an item with g genres adds 1/g to each, and the shares are
 * divided by the number of items with genres, so they sum to 1.
 */
function genreShares(list: readonly number[], items: readonly CatalogItem[]): Map<string, number> {
  const mass = new Map<string, number>();
  let withGenres = 0;
  for (const item of list) {
    const genres = items[item]?.genres ?? [];
    if (genres.length === 0) continue;
    withGenres += 1;
    for (const genre of genres) mass.set(genre, (mass.get(genre) ?? 0) + 1 / genres.length);
  }
  for (const [genre, weight] of mass) mass.set(genre, weight / withGenres);
  return mass;
}

/** Σ min(p, q) over the keys of two distributions: 1 when equal, 0 when disjoint. */
function distributionOverlap(
  p: ReadonlyMap<string, number>,
  q: ReadonlyMap<string, number>
): number {
  let overlap = 0;
  for (const [key, share] of p) overlap += Math.min(share, q.get(key) ?? 0);
  return overlap;
}

export type { GenreCoherenceFigures };
export {
  distributionOverlap,
  GENRE_COHERENCE_DEFINITIONS,
  genreCoherenceFigures,
  genreShares,
  RECENT_ITEMS,
};
