export type { DiagnoseOptions, ModelDiagnosis } from './diagnoseModel.js';
export { diagnoseModel } from './diagnoseModel.js';
export type { FinalEvaluation, ReportSources } from './gatherRunReportData.js';
export { finalEvaluationOf, gatherRunReportData } from './gatherRunReportData.js';
export type { JudgeModelRequest } from './judgeModel.js';
export { judgeModel } from './judgeModel.js';
export type {
  DiagnosisFeedback,
  ModelFeedbackSettings,
  SimulationFeedback,
} from './modelFeedback.js';
export {
  combineFeedback,
  diagnoseProgram,
  diagnosisFeedbackSchema,
  simulateProgram,
  simulationFeedbackSchema,
} from './modelFeedback.js';
export type {
  ObjectStore,
  ProgramFeedback,
  RunPage,
  RunRegistry,
  RunStore,
  StoredProgram,
} from './ports.js';
export type { Proposal } from './proposeWithLlm.js';
export { proposeWithLlm } from './proposeWithLlm.js';
export type { Repair } from './repairWithLlm.js';
export { repairWithLlm } from './repairWithLlm.js';
export type {
  SimulatedUserRecord,
  SimulateUsersRequest,
  SimulationResult,
} from './simulateUsers.js';
export { simulateUsers } from './simulateUsers.js';
export type { SimulatorFidelity, SimulatorFidelityRequest } from './simulatorFidelity.js';
export { measureSimulatorFidelity } from './simulatorFidelity.js';
export * from './steps/index.js';
export type { VettedProbes } from './vetProbeScript.js';
export { vetProbeScript } from './vetProbeScript.js';
