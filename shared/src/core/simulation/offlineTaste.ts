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

/** The offline rating model's two constants: rating = intercept + slope · affinity. */
interface OfflineRatingModel {
  readonly intercept: number;
  readonly slope: number;
}

/**
 * The constants every simulated user rates with, fitted by hand on ml-100k's held-out ratings
 * (fidelity protocol). How well they carry to users and data sets they were not fitted on is
 * measured by fidelityTransfer.ts (bench:feedback prints it).
 */
const OFFLINE_RATING_MODEL: OfflineRatingModel = { intercept: 1.5, slope: 2.5 };

/**
 * The rating an offline user expects to give, on the continuous 1–5 scale:
 * intercept + slope · affinity, clamped.
 */
function offlineRating(affinity: number, model: OfflineRatingModel = OFFLINE_RATING_MODEL): number {
  return Math.min(5, Math.max(1, model.intercept + model.slope * affinity));
}

export type { OfflineRatingModel };
export { genreMatch, OFFLINE_RATING_MODEL, offlineAffinity, offlineRating, WATCH_THRESHOLD };
