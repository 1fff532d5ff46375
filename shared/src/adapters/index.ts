export * from './llm/index.js';
export type { OnnxScoringOptions } from './onnx.js';
export { createOnnxScoringModel, loadScoringModel } from './onnx.js';
export * from './sandbox/index.js';
export type { TrainerProcessOptions } from './trainerProcess.js';
export { createTrainerProcess } from './trainerProcess.js';
