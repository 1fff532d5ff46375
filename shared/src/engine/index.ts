export type { EngineServices } from './engineServices.js';
export type {
  CandidateTrainer,
  FeedbackSource,
  ProgramFeedback,
  RunStore,
  StoredProgram,
} from './ports.js';
export type { Proposal } from './proposeWithLlm.js';
export { proposeWithLlm } from './proposeWithLlm.js';
export type { Repair } from './repairWithLlm.js';
export { repairWithLlm } from './repairWithLlm.js';
export { runCandidate, runSeed } from './runCandidate.js';
export { runEvolution } from './runEvolution.js';
