import { InvalidArgumentError } from '../../errors.js';
import type { CatalogItem } from '../dataset/index.js';
import { rocAuc, rootMeanSquaredError } from './fidelityMetrics.js';
import type { SimulationPopulation } from './personaTraits.js';
import { simulationPopulation } from './personaTraits.js';

/** Explicit ratings read from a dataset that has them (ml-100k's u.data). */
interface Rating {
  readonly item: number;
  /** 1–5. */
  readonly rating: number;
  readonly timestamp: number;
}

interface RatingsDataset {
  readonly name: string;
  readonly numItems: number;
  /** `items[id]` for ids 1..numItems; index 0 is padding. */
  readonly items: readonly CatalogItem[];
  /** Each user's ratings in time order (ties in file order). */
  readonly users: readonly { readonly user: number; readonly ratings: readonly Rating[] }[];
}

interface FidelityCase {
  readonly user: number;
  /** The earliest ratings' items, in time order: what the simulator knows. */
  readonly history: readonly number[];
  /** The later ratings: what it must predict. */
  readonly heldOut: readonly Rating[];
}

/** A simulator's prediction for one held-out item, beside the user's real rating. */
interface FidelityPrediction {
  readonly item: number;
  readonly actual: number;
  /** Higher means more likely to be liked; only its order within a user matters. */
  readonly score: number;
  /** The simulator's rating on the 1–5 scale, null when it gave none. */
  readonly predictedRating: number | null;
}

interface FidelityReport {
  readonly users: number;
  /** Users with at least one liked (≥ 4) and one disliked (≤ 2) held-out item. */
  readonly usersWithBothClasses: number;
  readonly heldOutItems: number;
  /** Mean over users with both classes of their own liked-vs-disliked AUC; null without any. */
  readonly aucPerUser: number | null;
  /** Liked-vs-disliked AUC over every user's items together; null without both classes. */
  readonly aucPooled: number | null;
  /** Over held-out items the simulator rated; null when it rated none. */
  readonly rmse: number | null;
  readonly ratedItems: number;
}

/** A held-out rating at or above this is liked, at or below DISLIKED_RATING disliked. */
const LIKED_RATING = 4;
const DISLIKED_RATING = 2;

/**
 * The fidelity protocol: for each user with at least two ratings the earliest `historyShare`
 * (at least one rating) is the history, the rest is held out. Item popularity for personas is
 * counted on the histories only, so held-out ratings leak nowhere.
 */
function fidelityCases(
  dataset: RatingsDataset,
  historyShare = 0.8
): { readonly population: SimulationPopulation; readonly cases: FidelityCase[] } {
  if (!(historyShare > 0 && historyShare < 1)) {
    throw new InvalidArgumentError(`historyShare must be in (0, 1), got ${historyShare}`);
  }
  const cases = dataset.users
    .filter(({ ratings }) => ratings.length >= 2)
    .map(({ user, ratings }) => {
      const split = Math.min(
        ratings.length - 1,
        Math.max(1, Math.floor(ratings.length * historyShare))
      );
      return {
        user,
        history: ratings.slice(0, split).map((rating) => rating.item),
        heldOut: ratings.slice(split),
      };
    });
  const popularity = new Uint32Array(dataset.numItems + 1);
  for (const { history } of cases) {
    for (const item of history) popularity[item] = (popularity[item] ?? 0) + 1;
  }
  const catalog = { numItems: dataset.numItems, items: dataset.items, popularity };
  const population = simulationPopulation(
    catalog,
    cases.map(({ history }) => history.length)
  );
  return { population, cases };
}

/**
 * AUC of the scores for liked (rating ≥ 4) over disliked (≤ 2) held-out items, per user
 * (the headline: it asks whether the simulator knows what *this* user likes, free of how
 * generous each user rates) and pooled; and the RMSE of the predicted ratings.
 */
function fidelityReport(perUser: readonly (readonly FidelityPrediction[])[]): FidelityReport {
  const liked = (list: readonly FidelityPrediction[]) =>
    list.filter((p) => p.actual >= LIKED_RATING).map((p) => p.score);
  const disliked = (list: readonly FidelityPrediction[]) =>
    list.filter((p) => p.actual <= DISLIKED_RATING).map((p) => p.score);
  const userAucs = perUser
    .filter((list) => liked(list).length > 0 && disliked(list).length > 0)
    .map((list) => rocAuc(liked(list), disliked(list)));
  const all = perUser.flat();
  const rated = all.flatMap(({ predictedRating, actual }) =>
    predictedRating === null ? [] : [{ predicted: predictedRating, actual }]
  );
  return {
    users: perUser.length,
    usersWithBothClasses: userAucs.length,
    heldOutItems: all.length,
    aucPerUser:
      userAucs.length === 0 ? null : userAucs.reduce((sum, auc) => sum + auc, 0) / userAucs.length,
    aucPooled:
      liked(all).length > 0 && disliked(all).length > 0 ? rocAuc(liked(all), disliked(all)) : null,
    rmse: rated.length === 0 ? null : rootMeanSquaredError(rated),
    ratedItems: rated.length,
  };
}

export type { FidelityCase, FidelityPrediction, FidelityReport, Rating, RatingsDataset };
export { DISLIKED_RATING, fidelityCases, fidelityReport, LIKED_RATING };
