import { bestProgram } from '../../core/archive/index.js';
import type { CandidateOutcome, RunState } from '../../core/evolution/index.js';
import { recordGeneration as recordOutcomes, recordSeed } from '../../core/evolution/index.js';
import { checkBudget, ledgerTotals } from '../../core/llm/index.js';
import { candidateContext } from './candidateContext.js';
import { elapsedSeconds } from './runClock.js';
import { loadGenerationPlan, nextRunStep } from './runProgress.js';
import { requireRunState } from './runStateOf.js';
import { storeStepFailure } from './stepFailure.js';
import type { RunProgress } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';

/**
 * The RecordGeneration step after a generation's Map: records its stored candidates in id order
 * (the seed for generation 0), migrates, checks the budget and the number of generations, saves
 * the state and the run's figures, and says what comes next. Recording a generation twice
 * changes nothing: a retried step only says again what comes next.
 */
async function recordGenerationStep(
  input: { readonly runId: string; readonly generation: number },
  services: StepServices
): Promise<RunProgress> {
  const { runId, generation } = input;
  const { store, objects, registry } = services;
  const stored = await requireRunState(services, runId);
  const recorded = generation === 0 ? stored.programs.length > 0 : stored.generation >= generation;
  if (recorded) return afterRecord(stored, services);

  const ids =
    generation === 0
      ? [stored.seedProgramId]
      : ((await loadGenerationPlan(objects, runId, generation)) ?? []).map((plan) => plan.id);
  const outcomes = (
    await Promise.all(ids.map((id) => outcomeOf(services, runId, generation, id)))
  ).filter((outcome): outcome is CandidateOutcome => outcome !== undefined);
  let state: RunState;
  if (generation === 0) {
    const seed = outcomes[0];
    if (seed?.record.status !== 'ok') {
      const reason = `the seed program failed: ${seed?.record.failure?.reason ?? 'it was not evaluated'}`;
      await registry.updateRun(
        runId,
        { status: 'failed', stopReason: reason, updatedAt: services.now().toISOString() },
        ['running']
      );
      return { runId, next: 'fail', reason };
    }
    state = recordSeed(stored, seed);
  } else {
    state = recordOutcomes(stored, generation, outcomes).state;
  }
  state = withStopDecision(state, services.now());
  await store.saveRunState(state);
  const best = bestProgram(state.archive);
  await registry.updateRun(runId, {
    generation: state.generation,
    usd: ledgerTotals(state.ledger).usd,
    updatedAt: services.now().toISOString(),
    ...(best === undefined ? {} : { bestProgramId: best.programId, bestFitness: best.fitness }),
  });
  return afterRecord(state, services);
}

/**
 * A candidate's stored outcome. One that was proposed (it has a draft) but left none, because
 * even its RecordFailure state failed and the Map tolerated the item, is recorded failed here,
 * so that it shows with a reason; one never proposed (the budget ran out) has none.
 */
async function outcomeOf(
  services: StepServices,
  runId: string,
  generation: number,
  programId: string
): Promise<CandidateOutcome | undefined> {
  const context = candidateContext(services, { runId, programId });
  const stored = await context.outcome();
  if (stored !== undefined || (await context.draft()) === undefined) return stored;
  return storeStepFailure(
    context,
    generation,
    (stage) =>
      `its ${stage} step failed and no failure could be recorded then (see the execution's history)`
  );
}

function afterRecord(state: RunState, services: StepServices): Promise<RunProgress> {
  return nextRunStep(state, services.objects);
}

/** Finishes the run when its budget is spent or its generations are done. */
function withStopDecision(state: RunState, now: Date): RunState {
  const { config } = state;
  const check = checkBudget(ledgerTotals(state.ledger), config.budget, {
    iterationsDone: state.candidatesTried,
    elapsedSeconds: elapsedSeconds(state, now),
  });
  if (!check.ok) return { ...state, status: 'finished', stopReason: check.message };
  if (state.generation >= config.generations) {
    return {
      ...state,
      status: 'finished',
      stopReason: `all ${config.generations} generations done`,
    };
  }
  return state;
}

export { recordGenerationStep };
