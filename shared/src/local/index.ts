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
export type { PrepareViewRequest } from './preparedViews.js';
export { ensurePreparedView, isCurrentView } from './preparedViews.js';
export { readProgramDir, writeProgramDir } from './programDir.js';
export { PROMPTS_DIR, readPromptTemplates, readTemplateFiles } from './promptTemplateFiles.js';
export type { RatingsDatasetName } from './ratingsDatasets.js';
export { ratingsDatasetNames, readRatingsDataset } from './ratingsDatasets.js';
