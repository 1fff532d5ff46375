export type { UserOutcome, UserSession } from './browsePages.js';
export { browsePages } from './browsePages.js';
export type { Critique, CritiqueStatus, SignalShares } from './critique.js';
export {
  critiqueSchema,
  critiqueStatusSchema,
  signalShareFigures,
  signalShares,
} from './critique.js';
export { rocAuc, rootMeanSquaredError } from './fidelityMetrics.js';
export type {
  FidelityCase,
  FidelityPrediction,
  FidelityReport,
  Rating,
  RatingsDataset,
} from './fidelityProtocol.js';
export {
  DISLIKED_RATING,
  fidelityCases,
  fidelityReport,
  LIKED_RATING,
} from './fidelityProtocol.js';
export type { FidelityTransfer } from './fidelityTransfer.js';
export { fidelityTransfer, fitRatingModel, userHalves } from './fidelityTransfer.js';
export type { GenreAffinity } from './genreProfile.js';
export { llmCritique } from './llmCritique.js';
export type { LlmUserSimulatorOptions } from './llmUserSimulator.js';
export { createLlmUserSimulator } from './llmUserSimulator.js';
export type { OfflineRatingModel } from './offlineTaste.js';
export { OFFLINE_RATING_MODEL, offlineAffinity, offlineRating } from './offlineTaste.js';
export { createOfflineUserSimulator } from './offlineUserSimulator.js';
export type { PersonaTraits, SimulationPopulation } from './personaTraits.js';
export { personaTraits, simulationPopulation, viewPopulation } from './personaTraits.js';
export type {
  SimulationCase,
  SimulationProtocol,
  SimulationProtocolInput,
} from './protocol.js';
export { simulationCase, simulationProtocolSchema } from './protocol.js';
export { CRITIQUE_RULES, ruleCritique } from './ruleCritique.js';
export type { SimulationFigures } from './simulationFigures.js';
export { simulationFigures, simulationFiguresSchema } from './simulationFigures.js';
export type { SimulationTemplateName, SimulationTemplates } from './simulationTemplates.js';
export { SIMULATION_TEMPLATE_NAMES } from './simulationTemplates.js';
export type { SimulatorChoice } from './simulatorChoice.js';
export { createUserSimulator } from './simulatorChoice.js';
export type { StratifiedUser } from './stratifiedSample.js';
export { sampleSimulationUsers, stratifyUsers } from './stratifiedSample.js';
export type {
  Interview,
  ItemDecision,
  PageJudgement,
  PageRequest,
  PageVerdict,
  Signal,
  SimulatorKind,
  UserSimulator,
} from './userSimulator.js';
export { signalSchema } from './userSimulator.js';
