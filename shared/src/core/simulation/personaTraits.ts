import type { ItemCatalog, PreparedView } from '../dataset/index.js';
import { itemPopularityPercentiles, midRankPercentile } from '../dataset/index.js';
import type { GenreAffinity } from './genreProfile.js';
import { catalogGenres, genreProfile, normalisedGenreEntropy } from './genreProfile.js';

/** What a user's traits are measured against: every user of the dataset and its catalogue. */
interface SimulationPopulation {
  readonly catalog: ItemCatalog;
  /** Every user's history length, ascending. */
  readonly historyLengths: readonly number[];
  /** Popularity percentile of each item id among the catalogue's items (index 0 is padding). */
  readonly itemPopularity: Float64Array;
  /** Distinct genres of the catalogue: the normaliser of genre diversity. */
  readonly genreCount: number;
}

/** A simulated user's persona, measured on their history. */
interface PersonaTraits {
  readonly historyLength: number;
  /** Mid-rank percentile of the history length among all users' lengths, in [0, 1]. */
  readonly activityPercentile: number;
  /** Normalised entropy of the history's genre distribution, in [0, 1]. */
  readonly genreDiversity: number;
  /** Mean popularity percentile of the history's items, in [0, 1]: taste for popular items. */
  readonly popularityConformity: number;
  /** The history's genre shares, largest first: the first entries are the top genres. */
  readonly genreAffinities: readonly GenreAffinity[];
}

function simulationPopulation(
  catalog: ItemCatalog,
  historyLengths: readonly number[]
): SimulationPopulation {
  return {
    catalog,
    historyLengths: [...historyLengths].sort((a, b) => a - b),
    itemPopularity: itemPopularityPercentiles(catalog.popularity),
    genreCount: catalogGenres(catalog).size,
  };
}

/** The population of a prepared view: its catalogue and its users' training histories. */
function viewPopulation(view: PreparedView): SimulationPopulation {
  return simulationPopulation(
    view.catalog,
    view.users.map((user) => user.train.length)
  );
}

function personaTraits(
  history: readonly number[],
  population: SimulationPopulation
): PersonaTraits {
  const genreAffinities = genreProfile(history, population.catalog);
  const popularitySum = history.reduce(
    (sum, item) => sum + (population.itemPopularity[item] ?? 0),
    0
  );
  return {
    historyLength: history.length,
    activityPercentile: midRankPercentile(population.historyLengths, history.length),
    genreDiversity: normalisedGenreEntropy(genreAffinities, population.genreCount),
    popularityConformity: history.length === 0 ? 0.5 : popularitySum / history.length,
    genreAffinities,
  };
}

export type { PersonaTraits, SimulationPopulation };
export { personaTraits, simulationPopulation, viewPopulation };
