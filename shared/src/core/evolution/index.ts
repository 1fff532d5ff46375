export type { EntryOrigin } from './archiveEntryFor.js';
export { archiveEntryFor } from './archiveEntryFor.js';
export type { CandidatePlan } from './candidatePlan.js';
export { candidateId, planGeneration } from './candidatePlan.js';
export type { ProgramOutcome, ProgramOutcomeKind } from './programOutcome.js';
export {
  outcomeLabel,
  programOutcomeKindSchema,
  programOutcomeSchema,
} from './programOutcome.js';
export type { CandidateFailure, ProgramRecord, RepairRecord } from './programRecord.js';
export {
  candidateFailureSchema,
  programRecordSchema,
  repairRecordSchema,
} from './programRecord.js';
export type { CandidateOutcome } from './recordGeneration.js';
export {
  candidateOutcomeSchema,
  recordGeneration,
  recordSeed,
  SEED_PROGRAM_ID,
  startRunState,
} from './recordGeneration.js';
export type { JudgeSettings, RunConfig, RunConfigInput } from './runConfig.js';
export { judgeSettingsSchema, runConfigSchema } from './runConfig.js';
export type { ProgramSummary, RunState } from './runState.js';
export { programSummarySchema, runStateSchema } from './runState.js';
export type { ProposerKind, StrategyName, StrategyTraits } from './strategies.js';
export { editableFiles, strategyNameSchema, strategyTraits } from './strategies.js';
