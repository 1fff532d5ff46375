export type { OutcomeCounts } from './outcomeCounts.js';
export { describeOutcomeCounts, outcomeCounts } from './outcomeCounts.js';
export type { RunKeys } from './runKeys.js';
export { datasetViewPrefix, runKeys } from './runKeys.js';
export type { RunRecord, RunRecordChanges, RunStatus } from './runRecord.js';
export {
  currentExecutionArn,
  executionNameOf,
  runIdSchema,
  runRecordSchema,
  runStatusSchema,
  teamSchema,
} from './runRecord.js';
export type { GenerationLine, RunReport } from './runReport.js';
export { runReport, runReportMarkdown } from './runReport.js';
export { runReportSchema } from './runReportSchema.js';
