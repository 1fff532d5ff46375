import type { TrainerRunner } from '../core/evaluation/index.js';
import { dataGetArgs, describeTrainerExit } from '../core/evaluation/index.js';
import { TrainerProcessError } from '../errors.js';

/** The public datasets the trainer can download and preprocess. */
const downloadableDatasets = ['ml-1m', 'ml-100k'] as const;
type DownloadableDataset = (typeof downloadableDatasets)[number];

interface GetDatasetRequest {
  readonly name: DownloadableDataset;
  readonly dataDir: string;
  /** Base URL serving copies of the GroupLens files, instead of GroupLens itself. */
  readonly mirror?: string;
}

/** Downloads, verifies and preprocesses a public dataset into the data directory. */
async function getDataset(request: GetDatasetRequest, trainer: TrainerRunner): Promise<void> {
  const exit = await trainer.run(dataGetArgs(request));
  if (exit.exitCode !== 0) {
    throw new TrainerProcessError(
      `getting dataset '${request.name}' failed (${describeTrainerExit(exit)})`
    );
  }
}

export type { DownloadableDataset, GetDatasetRequest };
export { downloadableDatasets, getDataset };
