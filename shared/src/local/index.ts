export type { EvaluateProgramRequest } from './evaluateProgram.js';
export { evaluateProgram, readEvaluationResult } from './evaluateProgram.js';
export type { DownloadableDataset, GetDatasetRequest } from './getDataset.js';
export { downloadableDatasets, getDataset } from './getDataset.js';
export type { LocalCandidateTrainerOptions } from './localCandidateTrainer.js';
export { createLocalCandidateTrainer } from './localCandidateTrainer.js';
export type { LocalEngineRequest } from './localEngineServices.js';
export { createLocalEngineServices } from './localEngineServices.js';
export { createLocalFeedbackSource } from './localFeedbackSource.js';
export { createLocalRunStore } from './localRunStore.js';
export { readMovieLens100kRatings } from './movieLens100kRatings.js';
export { readNasSearchSpace, SEARCH_SPACE_FILE } from './nasSearchSpaceFiles.js';
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
export { PROGRAM_FILE_NAMES, readProgramDir, writeProgramDir } from './programDir.js';
export { PROMPTS_DIR, readPromptTemplates, readTemplateFiles } from './promptTemplateFiles.js';
