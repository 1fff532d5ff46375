export type {
  CurvePoint,
  EvaluationError,
  EvaluationResult,
  FailureKind,
} from './evaluationResult.js';
export {
  evaluationErrorSchema,
  evaluationResultSchema,
  failureKindSchema,
} from './evaluationResult.js';
export type { TrainerExit, TrainerRunner } from './trainer.js';
export { describeTrainerExit } from './trainer.js';
export type { DataGetRequest, PrepareRequest, RunRequest } from './trainerArgs.js';
export { dataGetArgs, prepareArgs, runArgs } from './trainerArgs.js';
export type { TrainingJobSpec } from './trainingJobSpec.js';
export { JOB_OUTPUT_FILES, trainingJobSpecSchema, VIEW_FILES } from './trainingJobSpec.js';
