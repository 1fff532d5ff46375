export type { EvaluationError, EvaluationResult, FailureKind } from './evaluationResult.js';
export {
  evaluationErrorSchema,
  evaluationResultSchema,
  failureKindSchema,
} from './evaluationResult.js';
export { formatEvaluation } from './formatEvaluation.js';
export type { TrainerExit, TrainerRunner } from './trainer.js';
export { describeTrainerExit } from './trainer.js';
export type { DataGetRequest, DatasetView, PrepareRequest, RunRequest } from './trainerArgs.js';
export { dataGetArgs, prepareArgs, runArgs } from './trainerArgs.js';
