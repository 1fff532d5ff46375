import { z } from 'zod';
import type { CandidatePlan } from '../../core/evolution/index.js';
import { repairRecordSchema } from '../../core/evolution/index.js';
import { llmExchangeSchema } from '../../core/llm/index.js';
import { runKeys } from '../../core/runs/index.js';
import type { ObjectStore } from '../ports.js';
import { getJson, putJson } from './storedObjects.js';

/**
 * A candidate between its steps: where it comes from, what its proposal and repairs cost and said,
 * and how long each training attempt took. Rewritten whole by each step, so a retried step that
 * rewrites it changes nothing; the stored program replaces it once the candidate is recorded.
 */
const candidateDraftSchema = z
  .object({
    programId: z.string().min(1),
    generation: z.int().min(0),
    island: z.int().min(0),
    parentId: z.string().min(1).nullable(),
    inspirationIds: z.array(z.string().min(1)),
    idea: z.string().optional(),
    exchanges: z.array(llmExchangeSchema),
    repairs: z.array(repairRecordSchema),
    /** The latest attempt whose program was written. */
    attempt: z.int().min(1),
    /** Training seconds of attempt n at index n − 1, set (not added) so a retry counts once. */
    attemptSeconds: z.array(z.number().min(0)),
  })
  .strict();

type CandidateDraft = z.infer<typeof candidateDraftSchema>;

function loadDraft(
  objects: ObjectStore,
  runId: string,
  programId: string
): Promise<CandidateDraft | undefined> {
  return getJson(objects, runKeys(runId).draft(programId), candidateDraftSchema);
}

function saveDraft(objects: ObjectStore, runId: string, draft: CandidateDraft): Promise<void> {
  return putJson(objects, runKeys(runId).draft(draft.programId), draft);
}

/** The seed's draft: generation 0, no parent. */
function seedDraft(programId: string): CandidateDraft {
  return {
    programId,
    generation: 0,
    island: 0,
    parentId: null,
    inspirationIds: [],
    exchanges: [],
    repairs: [],
    attempt: 1,
    attemptSeconds: [],
  };
}

/** A planned candidate's draft before its proposal. */
function planDraft(plan: CandidatePlan): CandidateDraft {
  return {
    programId: plan.id,
    generation: plan.generation,
    island: plan.island,
    parentId: plan.parentId,
    inspirationIds: [...plan.inspirationIds],
    exchanges: [],
    repairs: [],
    attempt: 1,
    attemptSeconds: [],
  };
}

export type { CandidateDraft };
export { candidateDraftSchema, loadDraft, planDraft, saveDraft, seedDraft };
