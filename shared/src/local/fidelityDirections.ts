import type { FidelityTransfer, RatingsDataset } from '../core/simulation/index.js';
import { fidelityTransfer, userHalves } from '../core/simulation/index.js';
import { FileMissingError } from '../errors.js';
import type { RatingsDatasetName } from './ratingsDatasets.js';
import { readRatingsDataset } from './ratingsDatasets.js';

interface FidelityDirections {
  readonly directions: readonly FidelityTransfer[];
  /** Datasets left out, each with why (its ratings file is missing). */
  readonly skipped: readonly string[];
}

/**
 * The offline simulator's fidelity out of sample, in every direction the data allows: fitted on
 * one dataset's users and measured on another's (both ways between every two datasets with
 * ratings), and within each dataset fitted on one half of its users and measured on the other
 * (both ways). A dataset whose ratings are not on this machine is skipped with the reason.
 */
async function fidelityDirections(
  names: readonly RatingsDatasetName[],
  dataDir: string
): Promise<FidelityDirections> {
  const available: RatingsDataset[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    try {
      available.push(await readRatingsDataset(name, dataDir));
    } catch (error) {
      if (!(error instanceof FileMissingError)) throw error;
      skipped.push(`${name}: ${error.message}`);
    }
  }
  const pairs: (readonly [RatingsDataset, RatingsDataset])[] = [];
  for (const dataset of available) {
    const [odd, even] = userHalves(dataset);
    pairs.push([odd, even], [even, odd]);
  }
  for (const fit of available) {
    for (const measure of available) if (fit !== measure) pairs.push([fit, measure]);
  }
  return { directions: pairs.map(([fit, measure]) => fidelityTransfer(fit, measure)), skipped };
}

export type { FidelityDirections };
export { fidelityDirections };
