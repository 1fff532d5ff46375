export type {
  BlindProgram,
  CodeCriterion,
  CodeJudgeAnswer,
  CodeJudgement,
  CodeJudgeTemplates,
  JudgedProgram,
} from './codeJudgement.js';
export {
  blindPrograms,
  CODE_JUDGE_TEMPLATE_NAMES,
  codeCriterionSchema,
  codeJudgeAnswerSchema,
  codeJudgeMessages,
  codeJudgementOf,
  codeJudgementSchema,
} from './codeJudgement.js';
export type {
  ComparedFigure,
  Comparison,
  ComparisonSetup,
  PairedComparison,
  StrategyRow,
  TestedFigure,
} from './compareStrategies.js';
export {
  COMPARED_FIGURES,
  compareStrategies,
  comparisonSchema,
  REFERENCE_STRATEGY,
  TESTED_FIGURES,
} from './compareStrategies.js';
export {
  COMPARED_FIGURE_DIGITS,
  comparisonMarkdown,
  formatInterval,
  formatOptional,
} from './comparisonMarkdown.js';
export type { MeanInterval, PairedTest } from './statistics.js';
export { meanInterval, pairedTest } from './statistics.js';
export type { RankingFigures, StrategyRun } from './strategyRun.js';
export { rankingFiguresOf, rankingFiguresSchema, strategyRunSchema } from './strategyRun.js';
