export type { ColdWarmFigures } from './coldWarmGap.js';
export { COLD_WARM_DEFINITIONS, coldWarmFigures, GAP_CUTOFF } from './coldWarmGap.js';
export type { DiagnosisInput } from './computeDiagnosisFigures.js';
export { computeDiagnosisFigures } from './computeDiagnosisFigures.js';
export type {
  DiagnosisFigures,
  DiagnosisInterpretation,
  DiagnosisStatus,
  DiagnosisUser,
} from './diagnosis.js';
export { diagnosisStatusSchema } from './diagnosis.js';
export type { DiagnosisRule } from './diagnosisRules.js';
export { crossedDiagnosisRules, DIAGNOSIS_RULES, interpretByRules } from './diagnosisRules.js';
export type { GenreCoherenceFigures } from './genreCoherence.js';
export {
  distributionOverlap,
  GENRE_COHERENCE_DEFINITIONS,
  genreCoherenceFigures,
  genreShares,
  RECENT_ITEMS,
} from './genreCoherence.js';
export type {
  DiagnosisScope,
  DiagnosisTemplateName,
  DiagnosisTemplates,
  LlmInterpretation,
} from './llmInterpreter.js';
export {
  DIAGNOSIS_TEMPLATE_NAMES,
  interpreterMessages,
  interpretWithLlm,
} from './llmInterpreter.js';
export type { OrderSensitivityFigures, Perturbation } from './orderSensitivity.js';
export {
  ORDER_SENSITIVITY_DEFINITIONS,
  orderSensitivityFigures,
  PERTURBATIONS,
  perturbHistory,
  topKOverlap,
} from './orderSensitivity.js';
export type { PopularityBiasFigures } from './popularityBias.js';
export {
  giniCoefficient,
  HEAD_INTERACTION_SHARE,
  headItems,
  POPULARITY_BIAS_DEFINITIONS,
  popularityBiasFigures,
} from './popularityBias.js';
export type { RepetitionFigures } from './repetition.js';
export { REPETITION_DEFINITIONS, repetitionFigures } from './repetition.js';
export {
  collapseDefinitions,
  collapseFigures,
  effectiveRank,
  MAX_RANK_DIMS,
  meanPairwiseCosine,
} from './representationCollapse.js';
export { symmetricEigenvalues } from './symmetricEigenvalues.js';
