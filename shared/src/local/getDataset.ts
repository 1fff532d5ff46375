import type { TrainerRunner } from '../core/evaluation/index.js';
import { dataGetArgs, describeTrainerExit } from '../core/evaluation/index.js';
import { TrainerProcessError } from '../errors.js';

/**
 * The public datasets the trainer knows by name, each of which it can download and preprocess
 * (trainer/evolverec_trainer/datasets: KNOWN_DATASETS and SOURCES, which a test keeps equal).
 */
const downloadableDatasets = ['ml-1m', 'ml-100k', 'amazon-video'] as const;
type DownloadableDataset = (typeof downloadableDatasets)[number];

interface GetDatasetRequest {
  readonly name: DownloadableDataset;
  readonly dataDir: string;
  /** Base URL serving copies of the source's files (GroupLens zips, the SASRec file). */
  readonly mirror?: string;
}

/** Downloads, verifies and preprocesses a public dataset into the data directory. */
async function getDataset(request: GetDatasetRequest, trainer: TrainerRunner): Promise<void> {
  const exit = await trainer.run(dataGetArgs(request));
  if (exit.exitCode !== 0) {
    throw new TrainerProcessError(
      `getting dataset '${request.name}' failed (${describeTrainerExit(exit)}); the trainer's message above says what to do`
    );
  }
}

export type { DownloadableDataset, GetDatasetRequest };
export { downloadableDatasets, getDataset };
