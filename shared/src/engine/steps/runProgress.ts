import { z } from 'zod';
import { bestProgram } from '../../core/archive/index.js';
import type { CandidatePlan, RunState } from '../../core/evolution/index.js';
import { planGeneration, strategyTraits } from '../../core/evolution/index.js';
import { createRng } from '../../core/random/index.js';
import { runKeys } from '../../core/runs/index.js';
import type { ObjectStore } from '../ports.js';
import type { RunProgress } from './stepPayloads.js';
import { getJson, putJson } from './storedObjects.js';

const candidatePlanSchema = z
  .object({
    id: z.string().min(1),
    generation: z.int().min(1),
    island: z.int().min(0),
    parentId: z.string().min(1),
    inspirationIds: z.array(z.string().min(1)),
    samplingMode: z.enum(['explore', 'exploit', 'random']).optional(),
  })
  .strict();
const generationPlanSchema = z.object({ candidates: z.array(candidatePlanSchema) }).strict();

/**
 * What a run does next, from its recorded state: its next generation (planned once from the
 * archive, with a generator keyed by the seed, and stored so that every candidate step reads the
 * same plan), or the judge's test evaluation of its best program once it has finished.
 */
async function nextRunStep(state: RunState, objects: ObjectStore): Promise<RunProgress> {
  const { runId, config } = state;
  if (state.status === 'finished') {
    const best = bestProgram(state.archive);
    if (best === undefined) return { runId, next: 'fail', reason: 'no program trained' };
    return { runId, next: 'finalize', final: { programId: best.programId } };
  }
  const generation = state.generation + 1;
  // Candidates run in parallel, so an iteration budget caps the plan rather than each proposal.
  const iterationsLeft =
    (config.budget.iterations ?? Number.POSITIVE_INFINITY) - state.candidatesTried;
  const count = Math.min(config.candidatesPerGeneration, iterationsLeft);
  const plans = planGeneration(
    state.archive,
    strategyTraits(config.strategy),
    { generation, count, seedProgramId: state.seedProgramId },
    createRng(`${config.randomSeed}/plan/${generation}`)
  );
  await putJson(objects, runKeys(runId).plan(generation), { candidates: plans });
  return { runId, next: 'generation', generation, candidates: plans.map((plan) => plan.id) };
}

/** The stored plan of a generation; a candidate step without one is a broken execution. */
async function loadGenerationPlan(
  objects: ObjectStore,
  runId: string,
  generation: number
): Promise<CandidatePlan[] | undefined> {
  const plan = await getJson(objects, runKeys(runId).plan(generation), generationPlanSchema);
  return plan?.candidates;
}

export { loadGenerationPlan, nextRunStep };
