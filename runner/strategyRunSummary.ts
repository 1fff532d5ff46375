import { bestProgram } from '../shared/src/core/archive/index.js';
import type { StrategyRun } from '../shared/src/core/comparison/index.js';
import { rankingFiguresOf } from '../shared/src/core/comparison/index.js';
import { evaluationResultSchema } from '../shared/src/core/evaluation/index.js';
import type { RunState } from '../shared/src/core/evolution/index.js';
import { judgeResultSchema } from '../shared/src/core/judging/index.js';
import { ledgerTotals, stepUsageLedger } from '../shared/src/core/llm/index.js';
import { runKeys } from '../shared/src/core/runs/index.js';
import type { StepServices } from '../shared/src/engine/index.js';
import { getJson, putJson } from '../shared/src/engine/index.js';
import { InvalidArgumentError } from '../shared/src/errors.js';
import type { LocalCloud } from './localCloud.js';

/**
 * One finished run as a comparison reads it, every figure the judge's: the best program's (the
 * archive's best, the one Finalize tested)
 * validation (held-out users) and test (Finalize's verdict), and its seed program's validation
 * and test. The seed's test verdict is asked of the judge here once, beside the best's, and
 * stored under the same key layout (`runs/<run>/final/<id>/judge.json`), so a second reading
 * scores nothing again; the seed is the reference every run starts from, chosen by no one.
 */
async function strategyRunSummary(
  cloud: LocalCloud,
  services: StepServices,
  runId: string
): Promise<StrategyRun> {
  const [run, state, usage] = await Promise.all([
    cloud.registry.getRun(runId),
    cloud.store.loadRunState(runId),
    cloud.store.listStepUsage(runId),
  ]);
  if (run === undefined || state === undefined) {
    throw new InvalidArgumentError(`run ${runId} has no record or no state`);
  }
  const costs = ledgerTotals([...state.ledger, ...stepUsageLedger(usage, state.config.costs)]);
  const bestId = bestProgram(state.archive)?.programId;
  const best = bestId === undefined ? undefined : await programFigures(cloud, state, bestId);
  const seedTest = await testVerdict(services, state, state.seedProgramId);
  const seedRecord = (await cloud.store.loadOutcome(runId, state.seedProgramId))?.record;
  const seedValidation = rankingFiguresOf(seedRecord?.metrics, 'val');
  const candidates = state.programs.filter((program) => program.id !== state.seedProgramId);
  return {
    strategy: state.config.strategy,
    randomSeed: state.config.randomSeed,
    runId,
    status: run.status,
    ...(run.stopReason === undefined ? {} : { stopReason: run.stopReason }),
    ...(best === undefined ? {} : { best }),
    ...(seedValidation === undefined
      ? {}
      : {
          seed: {
            programId: state.seedProgramId,
            validation: seedValidation,
            ...(seedTest === undefined ? {} : { test: seedTest }),
          },
        }),
    trained: candidates.filter((program) => program.status === 'ok').length,
    failed: candidates.filter((program) => program.status === 'failed').length,
    llmTokens: costs.promptTokens + costs.completionTokens,
    trainSeconds: costs.secondsByKind.gpu,
    usd: costs.usd,
    wallSeconds: (Date.parse(run.updatedAt) - Date.parse(run.createdAt)) / 1000,
  };
}

async function programFigures(
  cloud: LocalCloud,
  state: RunState,
  programId: string
): Promise<StrategyRun['best']> {
  const record = (await cloud.store.loadOutcome(state.runId, programId))?.record;
  const validation = rankingFiguresOf(record?.metrics, 'val');
  if (record === undefined || validation === undefined) return undefined;
  const verdict = await getJson(
    cloud.objects,
    runKeys(state.runId).finalJudge(programId),
    judgeResultSchema
  );
  const test = verdict?.status === 'ok' ? rankingFiguresOf(verdict.metrics, 'test') : undefined;
  const { satisfaction, coverage } = record.features;
  return {
    programId,
    validation,
    ...(test === undefined ? {} : { test }),
    ...(satisfaction === undefined ? {} : { satisfaction }),
    ...(coverage === undefined ? {} : { coverage }),
  };
}

/** A program's test figures from the judge, asked once and stored. */
async function testVerdict(services: StepServices, state: RunState, programId: string) {
  const key = runKeys(state.runId).finalJudge(programId);
  const known = await getJson(services.objects, key, judgeResultSchema);
  const verdict =
    known ??
    (await services.judge.judge({
      config: state.config,
      modelPrefix: runKeys(state.runId).programModel(programId),
      split: 'test',
    }));
  if (known === undefined) await putJson(services.objects, key, verdict);
  return verdict.status === 'ok' ? rankingFiguresOf(verdict.metrics, 'test') : undefined;
}

/** Where the run's seed trained, as its job's metrics.json says: `cpu` or `cuda:<name>`. */
async function trainingDevice(cloud: LocalCloud, state: RunState): Promise<string> {
  const key = `${runKeys(state.runId).attemptOut(state.seedProgramId, 1)}metrics.json`;
  const result = await getJson(cloud.objects, key, evaluationResultSchema).catch(() => undefined);
  return result?.device ?? 'unknown';
}

export { strategyRunSummary, trainingDevice };
