import { z } from 'zod';
import { archiveStateSchema } from '../archive/index.js';
import { ledgerEntrySchema } from '../llm/index.js';
import { programOutcomeSchema } from './programOutcome.js';
import { runConfigSchema } from './runConfig.js';

/** One line per program of the run, for listings; the full record lives beside its files. */
const programSummarySchema = z
  .object({
    id: z.string().min(1),
    generation: z.int().min(0),
    island: z.int().min(0),
    parentId: z.string().min(1).nullable(),
    status: z.enum(['ok', 'failed']),
    outcome: programOutcomeSchema.optional(),
    /** Repairs it went through, and LLM fallbacks in its feedback. */
    repairs: z.int().min(0).optional(),
    llmFallbacks: z.int().min(0).optional(),
    /** Validation NDCG@10 of a program that trained. */
    fitness: z.number().optional(),
    failureStage: z.string().optional(),
    /** The first line of why it failed, for listings; the record holds the whole reason. */
    failureReason: z.string().optional(),
  })
  .strict();

/**
 * Everything a run needs to go on after a stop: the config, the archive, where the generations
 * stand and what was spent. Plain JSON, rewritten after the seed and after every generation, so a
 * killed run resumes at the first generation it had not recorded.
 */
const runStateSchema = z
  .object({
    version: z.literal(1),
    runId: z.string().min(1),
    config: runConfigSchema,
    status: z.enum(['running', 'finished']),
    /** Why proposing stopped: all generations done, or which budget ran out. */
    stopReason: z.string().optional(),
    /** The last generation recorded; 0 once the seed is in. */
    generation: z.int().min(0),
    seedProgramId: z.string().min(1),
    archive: archiveStateSchema,
    /** Candidates proposed so far (the `iterations` of the budget), failed ones included. */
    candidatesTried: z.int().min(0),
    ledger: z.array(ledgerEntrySchema),
    programs: z.array(programSummarySchema),
    startedAt: z.iso.datetime(),
    /** Seconds spent in earlier sessions of a resumed run, for the wall-time budget. */
    elapsedSecondsBefore: z.number().min(0),
    /** When the current session (execution) began; elapsed = before + (now − this). */
    sessionStartedAt: z.iso.datetime().optional(),
  })
  .strict();

type RunState = z.infer<typeof runStateSchema>;
type ProgramSummary = z.infer<typeof programSummarySchema>;

export type { ProgramSummary, RunState };
export { programSummarySchema, runStateSchema };
