import { shareOf } from './genreProfile.js';
import type { PersonaTraits, SimulationPopulation } from './personaTraits.js';

/** An offline user watches an item whose affinity reaches this. */
const WATCH_THRESHOLD = 0.75;

/**
 * How much the offline user likes an item, in [0, 1], from their persona alone:
 *   affinity = (1 − c) · genreMatch + c · popularity
 * where c is the user's popularity conformity, popularity the item's popularity percentile and
 * genreMatch the largest share among the item's genres in the user's history divided by their
 * top genre's share (1 for an item of their favourite genre, 0 for genres they never watch).
 * A user who watches popular titles judges by popularity, a niche user by genre. On ml-100k
 * (fidelity protocol, per-user AUC) popularity alone separates liked from disliked items far
 * better than genre alone (0.640 against 0.542), and this mix slightly better than either
 * (0.651).
 */
function offlineAffinity(
  persona: PersonaTraits,
  item: number,
  population: SimulationPopulation
): number {
  const conformity = persona.popularityConformity;
  const popularity = population.itemPopularity[item] ?? 0;
  return (1 - conformity) * genreMatch(persona, item, population) + conformity * popularity;
}

function genreMatch(persona: PersonaTraits, item: number, population: SimulationPopulation) {
  const topShare = persona.genreAffinities[0]?.share ?? 0;
  const genres = population.catalog.items[item]?.genres ?? [];
  if (topShare === 0 || genres.length === 0) return 0;
  return Math.max(...genres.map((genre) => shareOf(persona.genreAffinities, genre))) / topShare;
}

/**
 * The rating an offline user expects to give, on the continuous 1–5 scale: 1.5 + 2.5 · affinity.
 * The two constants were fitted on ml-100k's held-out ratings (fidelity protocol): RMSE 1.125,
 * against 1.208 for always predicting the mean rating.
 */
function offlineRating(affinity: number): number {
  return Math.min(5, Math.max(1, 1.5 + 2.5 * affinity));
}

export { genreMatch, offlineAffinity, offlineRating, WATCH_THRESHOLD };
