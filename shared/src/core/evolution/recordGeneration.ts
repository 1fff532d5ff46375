import { z } from 'zod';
import type { MigrationMove } from '../archive/index.js';
import { archiveEntrySchema, createArchive, insertProgram, migrate } from '../archive/index.js';
import { ledgerEntrySchema } from '../llm/index.js';
import type { ProgramRecord } from './programRecord.js';
import { programRecordSchema } from './programRecord.js';
import type { RunConfig } from './runConfig.js';
import type { ProgramSummary, RunState } from './runState.js';

/** What one candidate (or the seed) left behind for the run's state; stored with its files. */
const candidateOutcomeSchema = z
  .object({
    record: programRecordSchema,
    /** Present when the program trained: what the archive receives. */
    entry: archiveEntrySchema.optional(),
    /** What the candidate cost: its LLM calls and its training. */
    ledger: z.array(ledgerEntrySchema),
  })
  .strict();

type CandidateOutcome = z.infer<typeof candidateOutcomeSchema>;

/** The seed program's id in every run. */
const SEED_PROGRAM_ID = 'g000-seed';

/** The state of a new run before its seed is evaluated: an empty archive, nothing spent. */
function startRunState(runId: string, config: RunConfig, startedAt: string): RunState {
  return {
    version: 1,
    runId,
    config,
    status: 'running',
    generation: 0,
    seedProgramId: SEED_PROGRAM_ID,
    archive: createArchive(config.archive),
    candidatesTried: 0,
    ledger: [],
    programs: [],
    startedAt,
    elapsedSecondsBefore: 0,
  };
}

/** Records the evaluated seed (generation 0); it is not a candidate of the budget. */
function recordSeed(state: RunState, seed: CandidateOutcome): RunState {
  return withOutcomes(state, [seed], false);
}

/**
 * Records a generation's candidates, in id order whatever order they finished in, then migrates.
 * A candidate already recorded is skipped, so recording a generation twice changes nothing.
 */
function recordGeneration(
  state: RunState,
  generation: number,
  outcomes: readonly CandidateOutcome[]
): { readonly state: RunState; readonly migrations: MigrationMove[] } {
  const recorded = withOutcomes(state, outcomes, true);
  const { archive, moves } = migrate(recorded.archive, generation);
  return { state: { ...recorded, archive, generation }, migrations: moves };
}

function withOutcomes(
  state: RunState,
  outcomes: readonly CandidateOutcome[],
  areCandidates: boolean
): RunState {
  const known = new Set(state.programs.map((program) => program.id));
  const fresh = [...outcomes]
    .filter((outcome) => !known.has(outcome.record.id))
    .sort((a, b) => a.record.id.localeCompare(b.record.id));
  let archive = state.archive;
  for (const outcome of fresh) {
    if (outcome.entry !== undefined) archive = insertProgram(archive, outcome.entry).archive;
  }
  return {
    ...state,
    archive,
    candidatesTried: state.candidatesTried + (areCandidates ? fresh.length : 0),
    ledger: [...state.ledger, ...fresh.flatMap((outcome) => outcome.ledger)],
    programs: [...state.programs, ...fresh.map((outcome) => summaryOf(outcome.record))],
  };
}

function summaryOf(record: ProgramRecord): ProgramSummary {
  const fitness = record.metrics['val_ndcg@10'];
  return {
    id: record.id,
    generation: record.generation,
    island: record.island,
    parentId: record.parentId,
    status: record.status,
    ...(record.outcome === undefined ? {} : { outcome: record.outcome }),
    ...(record.repairs.length === 0 ? {} : { repairs: record.repairs.length }),
    ...(record.llmFallbacks === undefined ? {} : { llmFallbacks: record.llmFallbacks.length }),
    ...(record.status === 'ok' && fitness !== undefined ? { fitness } : {}),
    ...(record.failure === undefined
      ? {}
      : { failureStage: record.failure.stage, failureReason: firstLine(record.failure.reason) }),
  };
}

/** Listings show a reason's first line, at most this long. */
const REASON_CHARS = 200;

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > REASON_CHARS ? `${line.slice(0, REASON_CHARS)}…` : line;
}

export type { CandidateOutcome };
export { candidateOutcomeSchema, recordGeneration, recordSeed, SEED_PROGRAM_ID, startRunState };
