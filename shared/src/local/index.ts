export type { EvaluateProgramRequest } from './evaluateProgram.js';
export { evaluateProgram, readEvaluationResult } from './evaluateProgram.js';
export type { DownloadableDataset, GetDatasetRequest } from './getDataset.js';
export { downloadableDatasets, getDataset } from './getDataset.js';
export type { LocalEnv } from './paths.js';
export {
  defaultEvalOutDir,
  preparedViewDir,
  repoRoot,
  resolveDataDir,
  resolvePython,
  resolveStateDir,
} from './paths.js';
