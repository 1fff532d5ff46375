import type { RatingsDataset } from '../core/simulation/index.js';
import { readMovieLens1mRatings } from './movieLens1mRatings.js';
import { readMovieLens100kRatings } from './movieLens100kRatings.js';

/** The datasets whose explicit ratings the simulator's fidelity can be measured on. */
const RATINGS_READERS = {
  'ml-100k': readMovieLens100kRatings,
  'ml-1m': readMovieLens1mRatings,
} satisfies Record<string, (dataDir: string) => Promise<RatingsDataset>>;

type RatingsDatasetName = keyof typeof RATINGS_READERS;

const ratingsDatasetNames = Object.keys(RATINGS_READERS) as [
  RatingsDatasetName,
  ...RatingsDatasetName[],
];

function readRatingsDataset(name: RatingsDatasetName, dataDir: string): Promise<RatingsDataset> {
  return RATINGS_READERS[name](dataDir);
}

export type { RatingsDatasetName };
export { ratingsDatasetNames, readRatingsDataset };
