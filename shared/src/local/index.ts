export type { DatasetSource } from './datasetSource.js';
export { datasetFromCommandLine, resolveDatasetSource } from './datasetSource.js';
export type { EvaluateProgramRequest } from './evaluateProgram.js';
export { evaluateProgram, readEvaluationResult } from './evaluateProgram.js';
export type { FidelityDirections } from './fidelityDirections.js';
export { fidelityDirections } from './fidelityDirections.js';
export type { DownloadableDataset, GetDatasetRequest } from './getDataset.js';
export { downloadableDatasets, getDataset } from './getDataset.js';
export { readMovieLens1mRatings } from './movieLens1mRatings.js';
export { readMovieLens100kRatings } from './movieLens100kRatings.js';
export type { LocalEnv } from './paths.js';
export {
  defaultEvalOutDir,
  preparedViewDir,
  repoRoot,
  resolveDataDir,
  resolvePython,
  resolveStateDir,
} from './paths.js';
export { readPreparedView } from './preparedViewFiles.js';
export type { PreparedViewLocation, PrepareViewRequest } from './preparedViews.js';
export {
  ensurePreparedView,
  isCurrentView,
  preparedViewLocation,
  SOURCE_FILE,
} from './preparedViews.js';
export { readProgramDir, writeProgramDir } from './programDir.js';
export { PROMPTS_DIR, readPromptTemplates, readTemplateFiles } from './promptTemplateFiles.js';
export type { RatingsDatasetName } from './ratingsDatasets.js';
export { ratingsDatasetNames, readRatingsDataset } from './ratingsDatasets.js';
export type { ReportPageAssetPaths } from './reportPageAssets.js';
export { readReportPageAssets, reportPageAssetPaths } from './reportPageAssets.js';
export type { RunPreflightRequest } from './runPreflight.js';
export { preflightRun } from './runPreflight.js';
export { readSeedFolder, resolveSeedDir } from './seedFolder.js';
