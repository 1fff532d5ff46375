export type { DiagnoseOptions, ModelDiagnosis } from './diagnoseModel.js';
export { diagnoseModel } from './diagnoseModel.js';
export type { EngineServices } from './engineServices.js';
export type { ModelFeedbackSettings } from './modelFeedback.js';
export { createModelFeedbackSource } from './modelFeedback.js';
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
export type {
  SimulatedUserRecord,
  SimulateUsersRequest,
  SimulationResult,
} from './simulateUsers.js';
export { simulateUsers } from './simulateUsers.js';
export type { SimulatorFidelity, SimulatorFidelityRequest } from './simulatorFidelity.js';
export { measureSimulatorFidelity } from './simulatorFidelity.js';
export type { VettedProbes } from './vetProbeScript.js';
export { vetProbeScript } from './vetProbeScript.js';
