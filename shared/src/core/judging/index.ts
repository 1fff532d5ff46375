export type { EvaluationOfRecord, RecordFailure } from './evaluationOfRecord.js';
export { evaluationOfRecord } from './evaluationOfRecord.js';
export { formatEvaluation } from './formatEvaluation.js';
export type { JudgeCases, JudgeSplit } from './judgeCases.js';
export { judgeCases } from './judgeCases.js';
export type { JobAgreement, JudgeResult } from './judgeResult.js';
export {
  describeDisagreement,
  jobAgreement,
  jobAgreementSchema,
  judgeResultSchema,
} from './judgeResult.js';
export type { PublishedAnchor } from './publishedAnchors.js';
export { publishedAnchors } from './publishedAnchors.js';
export { CUTOFFS, rankingMetrics } from './rankingMetrics.js';
export { targetRank } from './targetRank.js';
