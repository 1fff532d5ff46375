import type { ItemCatalog } from '../dataset/index.js';

interface GenreAffinity {
  readonly genre: string;
  /** Share of the history's genre mass, in (0, 1]; the shares of a history sum to 1. */
  readonly share: number;
}

/**
 * The genre distribution of a list of items. An item with g genres adds 1/g to each, so that a
 * multi-genre item weighs as much as any other; items without genres add nothing. Sorted by
 * share, largest first (ties by genre name), so the first entries are the top genres.
 */
function genreProfile(items: readonly number[], catalog: ItemCatalog): GenreAffinity[] {
  const mass = new Map<string, number>();
  let total = 0;
  for (const item of items) {
    const genres = catalog.items[item]?.genres ?? [];
    for (const genre of genres) mass.set(genre, (mass.get(genre) ?? 0) + 1 / genres.length);
    if (genres.length > 0) total += 1;
  }
  return [...mass]
    .map(([genre, weight]) => ({ genre, share: weight / total }))
    .sort((a, b) => b.share - a.share || a.genre.localeCompare(b.genre));
}

/**
 * Shannon entropy of a genre distribution divided by ln(genreCount), the entropy of a uniform
 * spread over every genre of the catalogue: 0 for one genre, 1 for all genres equally. The fixed
 * denominator keeps values comparable between users.
 */
function normalisedGenreEntropy(profile: readonly GenreAffinity[], genreCount: number): number {
  if (genreCount < 2) return 0;
  const entropy = profile.reduce(
    (sum, { share }) => (share > 0 ? sum - share * Math.log(share) : sum),
    0
  );
  return Math.min(1, entropy / Math.log(genreCount));
}

/** The distinct genres of a catalogue. */
function catalogGenres(catalog: ItemCatalog): Set<string> {
  return new Set(catalog.items.flatMap((item) => item.genres));
}

/** The share of `genre` in a profile, 0 when absent. */
function shareOf(profile: readonly GenreAffinity[], genre: string): number {
  return profile.find((entry) => entry.genre === genre)?.share ?? 0;
}

export type { GenreAffinity };
export { catalogGenres, genreProfile, normalisedGenreEntropy, shareOf };
