import type { CandidateOutcome, RunConfig, RunState } from '../core/evolution/index.js';
import {
  planGeneration,
  recordGeneration,
  recordSeed,
  startRunState,
  strategyTraits,
} from '../core/evolution/index.js';
import { checkBudget, ledgerTotals } from '../core/llm/index.js';
import type { ProgramFiles } from '../core/program/index.js';
import { createRng } from '../core/random/index.js';
import { SeedProgramFailedError } from '../errors.js';
import type { EngineServices } from './engineServices.js';
import { runCandidate, runSeed } from './runCandidate.js';

/**
 * Runs (or resumes) a whole evolution in-process, one candidate at a time: the seed, then each
 * generation planned from the archive, every candidate proposed, trained and recorded, the state
 * saved after every generation. The budget is checked before every proposal; when it runs out
 * the generation is recorded as far as it got and the run finishes cleanly. In the cloud the
 * same steps are states of the Step Functions machine.
 */
async function runEvolution(
  request: { readonly runId: string; readonly config: RunConfig; readonly seedFiles: ProgramFiles },
  services: EngineServices
): Promise<RunState> {
  const { store, report } = services;
  const sessionStart = services.now();
  let state = await store.loadRunState(request.runId);
  if (state === undefined) {
    state = startRunState(request.runId, request.config, sessionStart.toISOString());
    const seed = await runSeed(state, request.seedFiles, services);
    if (seed.record.status === 'failed') {
      throw new SeedProgramFailedError(seed.record.failure?.reason ?? 'unknown');
    }
    state = recordSeed(state, seed);
    await store.saveRunState(state);
    report(`seed ${seed.record.id}: val_ndcg@10 ${formatFitness(seed)}`);
  } else if (state.status === 'running') {
    report(`resuming ${state.runId} after generation ${state.generation}`);
  }
  const elapsedBefore = state.elapsedSecondsBefore;
  const elapsedSeconds = () =>
    elapsedBefore + (services.now().getTime() - sessionStart.getTime()) / 1000;
  const { config } = state;
  const traits = strategyTraits(config.strategy);

  while (state.status === 'running' && state.generation < config.generations) {
    const generation: number = state.generation + 1;
    // One generator per generation, keyed by the seed: a resumed run plans exactly as before.
    const rng = createRng(`${config.randomSeed}/plan/${generation}`);
    const plans = planGeneration(
      state.archive,
      traits,
      { generation, count: config.candidatesPerGeneration, seedProgramId: state.seedProgramId },
      rng
    );
    const outcomes: CandidateOutcome[] = [];
    let stopReason: string | undefined;
    for (const plan of plans) {
      const check = checkBudget(
        ledgerTotals([...state.ledger, ...outcomes.flatMap((outcome) => outcome.ledger)]),
        config.budget,
        {
          iterationsDone: state.candidatesTried + outcomes.length,
          elapsedSeconds: elapsedSeconds(),
        }
      );
      if (!check.ok) {
        stopReason = check.message;
        break;
      }
      const outcome = await runCandidate(state, plan, services);
      outcomes.push(outcome);
      report(`${plan.id} (parent ${plan.parentId}): ${describeOutcome(outcome)}`);
    }
    state = recordGeneration(state, generation, outcomes).state;
    state = {
      ...state,
      elapsedSecondsBefore: elapsedSeconds(),
      ...(stopReason === undefined ? {} : { status: 'finished' as const, stopReason }),
    };
    await store.saveRunState(state);
    const best = bestFitness(state);
    report(`generation ${generation} recorded: best val_ndcg@10 ${best.toFixed(4)}`);
  }
  if (state.status === 'running') {
    state = {
      ...state,
      status: 'finished',
      stopReason: `all ${config.generations} generations done`,
      elapsedSecondsBefore: elapsedSeconds(),
    };
    await store.saveRunState(state);
  }
  report(`run ${state.runId} finished: ${state.stopReason}`);
  return state;
}

function bestFitness(state: RunState): number {
  return Math.max(...state.programs.map((program) => program.fitness ?? Number.NEGATIVE_INFINITY));
}

function formatFitness(outcome: CandidateOutcome): string {
  return (outcome.record.metrics['val_ndcg@10'] ?? Number.NaN).toFixed(4);
}

function describeOutcome(outcome: CandidateOutcome): string {
  const { record } = outcome;
  if (record.status === 'ok') return `val_ndcg@10 ${formatFitness(outcome)}`;
  return `failed at ${record.failure?.stage}`;
}

export { runEvolution };
