export type { ModelManifest } from './modelManifest.js';
export { modelManifestSchema } from './modelManifest.js';
export { rankScoreRows } from './rankScoreRows.js';
export type { ScoreRequest } from './scoreOptions.js';
export { resolveScoreOptions } from './scoreOptions.js';
export type {
  ScoreOptions,
  ScoringModel,
  ScoringResult,
  TapTensor,
  UserScores,
} from './scoringModel.js';
export { concatBatchParts } from './tapTensors.js';
export type { Ranking } from './topK.js';
export { topK } from './topK.js';
export type { History } from './windowHistories.js';
export { windowHistories } from './windowHistories.js';
