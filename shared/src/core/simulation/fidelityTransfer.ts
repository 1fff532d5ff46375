import { InvalidArgumentError } from '../../errors.js';
import type {
  FidelityCase,
  FidelityPrediction,
  FidelityReport,
  RatingsDataset,
} from './fidelityProtocol.js';
import { fidelityCases, fidelityReport } from './fidelityProtocol.js';
import type { OfflineRatingModel } from './offlineTaste.js';
import { OFFLINE_RATING_MODEL, offlineAffinity, offlineRating } from './offlineTaste.js';
import type { SimulationPopulation } from './personaTraits.js';
import { personaTraits } from './personaTraits.js';

/** Out-of-sample fidelity of the offline simulator in one direction, beside two baselines. */
interface FidelityTransfer {
  readonly fittedOn: string;
  readonly measuredOn: string;
  /** The rating model's constants, least squares on the held-out ratings of `fittedOn`. */
  readonly fitted: OfflineRatingModel;
  /** The simulator with the fitted constants, on `measuredOn` (AUC does not depend on them). */
  readonly simulator: FidelityReport;
  /** RMSE on `measuredOn` of the constants the simulator runs with today. */
  readonly currentRmse: number | null;
  /** Each held-out item predicted by the mean of the user's own history ratings. */
  readonly userMean: FidelityReport;
  /** Every held-out item predicted by the mean rating of `fittedOn`'s histories. */
  readonly globalMean: FidelityReport;
  /** Whether the simulator's ratings beat both baselines here, in words. */
  readonly verdict: string;
  readonly ratingsBeatBaselines: boolean;
}

/**
 * The offline rating model fitted where it is not measured: its constants by least squares of
 * the real held-out ratings on the simulator's affinity over `fit`'s users (fidelity protocol),
 * then measured on `measure`'s users, against each user's mean history rating and `fit`'s
 * global mean rating. The simulator never sees a user's ratings (the prepared views are
 * implicit), so the user-mean baseline knows something it cannot; beating the global mean is
 * what shows its ratings carry signal at all.
 */
function fidelityTransfer(fit: RatingsDataset, measure: RatingsDataset): FidelityTransfer {
  const fitted = fitRatingModel(fit);
  const globalMean = meanOf(fidelityCases(fit).cases.flatMap(historyRatingsOf(fit)));
  if (globalMean === undefined) {
    throw new InvalidArgumentError(`${fit.name} has no history ratings to fit on`);
  }
  const { population, cases } = fidelityCases(measure);
  const ratingsOf = historyRatingsOf(measure);
  const simulator = fidelityReport(affinityPredictions(cases, population, fitted));
  const current = fidelityReport(affinityPredictions(cases, population, OFFLINE_RATING_MODEL));
  const baseline = (predict: (user: FidelityCase) => number) =>
    fidelityReport(
      cases.map((user) => {
        const predicted = predict(user);
        return user.heldOut.map(({ item, rating }) => ({
          item,
          actual: rating,
          score: predicted,
          predictedRating: predicted,
        }));
      })
    );
  // Every case has at least one history rating (fidelityCases keeps users with two or more).
  const userMean = baseline((user) => meanOf(ratingsOf(user)) ?? globalMean);
  const global = baseline(() => globalMean);
  const beats = [userMean, global].every(
    (other) => simulator.rmse !== null && other.rmse !== null && simulator.rmse < other.rmse
  );
  return {
    fittedOn: fit.name,
    measuredOn: measure.name,
    fitted,
    simulator,
    currentRmse: current.rmse,
    userMean,
    globalMean: global,
    verdict: verdictOf(simulator.rmse, userMean.rmse, global.rmse),
    ratingsBeatBaselines: beats,
  };
}

/** The simulator's own scores (affinity) for the AUCs, its fitted ratings for the RMSE. */
function affinityPredictions(
  cases: readonly FidelityCase[],
  population: SimulationPopulation,
  model: OfflineRatingModel
): FidelityPrediction[][] {
  return cases.map((user) => {
    const persona = personaTraits(user.history, population);
    return user.heldOut.map(({ item, rating }) => {
      const affinity = offlineAffinity(persona, item, population);
      return {
        item,
        actual: rating,
        score: affinity,
        predictedRating: offlineRating(affinity, model),
      };
    });
  });
}

/** Least squares of the held-out ratings on affinity (an intercept and a slope). */
function fitRatingModel(dataset: RatingsDataset): OfflineRatingModel {
  const { population, cases } = fidelityCases(dataset);
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  for (const user of cases) {
    const persona = personaTraits(user.history, population);
    for (const { item, rating } of user.heldOut) {
      const x = offlineAffinity(persona, item, population);
      n += 1;
      sx += x;
      sy += rating;
      sxx += x * x;
      sxy += x * rating;
    }
  }
  const variance = n * sxx - sx * sx;
  const slope = variance === 0 ? 0 : (n * sxy - sx * sy) / variance;
  return { intercept: n === 0 ? 3 : (sy - slope * sx) / n, slope };
}

/** The ratings of a case's history (its earliest ratings), from the dataset it came from. */
function historyRatingsOf(dataset: RatingsDataset): (user: FidelityCase) => number[] {
  const byUser = new Map(dataset.users.map(({ user, ratings }) => [user, ratings]));
  return (user) =>
    (byUser.get(user.user) ?? []).slice(0, user.history.length).map(({ rating }) => rating);
}

function meanOf(values: readonly number[]): number | undefined {
  return values.length === 0
    ? undefined
    : values.reduce((sum, value) => sum + value, 0) / values.length;
}

function verdictOf(
  simulator: number | null,
  userMean: number | null,
  globalMean: number | null
): string {
  if (simulator === null || userMean === null || globalMean === null)
    return 'not measured: no held-out ratings';
  const rmse = (value: number) => value.toFixed(3);
  const figures = `RMSE ${rmse(simulator)} against ${rmse(userMean)} (each user's mean) and ${rmse(globalMean)} (global mean)`;
  if (simulator < userMean && simulator < globalMean)
    return `its ratings beat both baselines: ${figures}`;
  if (simulator < globalMean) {
    return `its ratings carry signal about items but none about the user (they know no user's ratings): ${figures}`;
  }
  return `its ratings carry no signal: ${figures}`;
}

/**
 * The two halves of a dataset's users (odd and even ids): users the constants were not fitted
 * on, when no second dataset with ratings is at hand.
 */
function userHalves(dataset: RatingsDataset): readonly [RatingsDataset, RatingsDataset] {
  const half = (parity: number, label: string): RatingsDataset => ({
    ...dataset,
    name: `${dataset.name} (${label} users)`,
    users: dataset.users.filter(({ user }) => user % 2 === parity),
  });
  return [half(1, 'odd'), half(0, 'even')];
}

export type { FidelityTransfer };
export { fidelityTransfer, fitRatingModel, userHalves };
