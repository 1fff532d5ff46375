import type { Writable } from 'node:stream';
import { synthesiseEvolutionDefinition } from '../infra/lib/orchestration/synthesise-definition.js';
import type {
  Comparison,
  JudgedProgram,
  StrategyRun,
} from '../shared/src/core/comparison/index.js';
import {
  CODE_JUDGE_TEMPLATE_NAMES,
  compareStrategies,
  comparisonMarkdown,
} from '../shared/src/core/comparison/index.js';
import type { RunConfig, StrategyName } from '../shared/src/core/evolution/index.js';
import { runConfigSchema, strategyTraits } from '../shared/src/core/evolution/index.js';
import { unifiedDiff } from '../shared/src/core/program/index.js';
import { renderRunReportPage } from '../shared/src/core/report/index.js';
import { runKeys, runReportMarkdown } from '../shared/src/core/runs/index.js';
import type { StepServices } from '../shared/src/engine/index.js';
import { gatherRunReportData, putJson } from '../shared/src/engine/index.js';
import { judgeCode } from '../shared/src/engine/judgeCode.js';
import type { LocalEnv } from '../shared/src/local/index.js';
import { readReportPageAssets, readTemplateFiles } from '../shared/src/local/index.js';
import { executeLocalRun } from './executeLocalRun.js';
import type { LocalCloud } from './localCloud.js';
import { submitLocalRun } from './localRun.js';
import { createLocalStepServices } from './localStepServices.js';
import { storedRunReport } from './storedRunReport.js';
import { strategyRunSummary, trainingDevice } from './strategyRunSummary.js';

interface StrategyComparisonRequest {
  /** Names the comparison and its runs (`<id>-<strategy>-s<seed>`): the same id resumes it. */
  readonly id: string;
  readonly cloud: LocalCloud;
  readonly stateDir: string;
  readonly dataDir: string;
  readonly env: LocalEnv;
  readonly strategies: readonly StrategyName[];
  readonly seeds: readonly number[];
  readonly dataset: string;
  /** Candidates after the seed, per run. */
  readonly candidates: number;
  readonly perGeneration: number;
  readonly maxEpochs: number;
  /** A run config's other sections (llm, feedback, archive…), the same for every run. */
  readonly base: Readonly<Record<string, unknown>>;
  readonly parallelJobs?: number;
  readonly allowUnsandboxed?: boolean;
  readonly trainerProgress: Writable;
  readonly report: (line: string) => void;
  readonly now: () => Date;
}

/** Where a comparison's own record lies in the bucket, beside the runs it compares. */
function comparisonKeys(id: string) {
  return { json: `comparisons/${id}/comparison.json`, markdown: `comparisons/${id}/comparison.md` };
}

/**
 * `evolverec compare`: every named strategy on the same data set, users, candidate budget and
 * seeds, one local run each per seed (a finished run is read, a stopped one resumed), then the
 * comparison of their judged figures, the code judge's blind ratings when the base config has an
 * LLM, and the comparison written to the bucket and into each run's report.
 */
async function runStrategyComparison(request: StrategyComparisonRequest): Promise<Comparison> {
  const { cloud, report } = request;
  const notes: string[] = [];
  const runnable = request.strategies.filter((strategy) => {
    const needsLlm = strategyTraits(strategy).proposer === 'llm';
    if (needsLlm && request.base.llm === undefined) {
      notes.push(
        `${strategy} not run: it needs an LLM, and the base config (--config) has no llm section`
      );
      return false;
    }
    return true;
  });
  const services = createLocalStepServices(cloud, { stateDir: request.stateDir, env: request.env });
  const runs: StrategyRun[] = [];
  // Seed by seed, every strategy in turn: a comparison cut short stays balanced.
  for (const seed of request.seeds) {
    for (const strategy of runnable) {
      const runId = `${request.id}-${strategy}-s${seed}`;
      await ensureRunFinished(request, runId, comparisonRunConfig(request, strategy, seed));
      runs.push(await strategyRunSummary(cloud, services, runId));
    }
  }
  const unfinished = runs.filter((run) => run.status !== 'finished');
  for (const run of unfinished)
    notes.push(`${run.runId} ended ${run.status}: ${run.stopReason ?? 'no reason'}`);
  const firstState =
    runs[0] === undefined ? undefined : await cloud.store.loadRunState(runs[0].runId);
  const device = firstState === undefined ? 'unknown' : await trainingDevice(cloud, firstState);
  const codeJudge = await judgeBestPrograms(request, services, runs, notes);
  const comparison = compareStrategies(
    {
      id: request.id,
      dataset: request.dataset,
      strategies: runnable,
      seeds: [...request.seeds],
      candidates: request.candidates,
      maxEpochs: request.maxEpochs,
      device,
    },
    runs,
    { ...(codeJudge === undefined ? {} : { codeJudge }), notes }
  );
  await storeComparison(cloud, comparison);
  report(`comparison ${request.id} stored with its ${runs.length} runs' reports`);
  return comparison;
}

/** One run of the comparison: the base config's sections, then what every run holds equal. */
function comparisonRunConfig(
  request: StrategyComparisonRequest,
  strategy: StrategyName,
  seed: number
): RunConfig {
  const section = (name: string) => {
    const value = request.base[name];
    return typeof value === 'object' && value !== null ? value : {};
  };
  return runConfigSchema.parse({
    ...request.base,
    name: `${request.id}-${strategy}`,
    strategy,
    dataset: request.dataset,
    randomSeed: seed,
    candidatesPerGeneration: Math.min(request.perGeneration, request.candidates),
    generations: Math.ceil(request.candidates / request.perGeneration),
    budget: { ...section('budget'), iterations: request.candidates },
    training: { ...section('training'), maxEpochs: request.maxEpochs },
  });
}

async function ensureRunFinished(
  request: StrategyComparisonRequest,
  runId: string,
  config: RunConfig
): Promise<void> {
  const { cloud, report } = request;
  const existing = await cloud.registry.getRun(runId);
  if (existing?.status === 'finished') {
    report(`${runId}: finished already, read as it is`);
    return;
  }
  if (existing === undefined) {
    await submitLocalRun(cloud, {
      runId,
      config,
      dataDir: request.dataDir,
      stateDir: request.stateDir,
      env: request.env,
      trainerProgress: request.trainerProgress,
      report,
      now: request.now(),
    });
  }
  report(`${runId}: ${existing === undefined ? 'running' : `resuming (${existing.status})`}`);
  await executeLocalRun({
    runId,
    cloud,
    definition: await synthesiseEvolutionDefinition(),
    stateDir: request.stateDir,
    env: request.env,
    ...(request.parallelJobs === undefined ? {} : { parallelJobs: request.parallelJobs }),
    allowUnsandboxed: request.allowUnsandboxed ?? false,
    trainerProgress: request.trainerProgress,
    report,
  });
}

/**
 * The code judge on each strategy's best program (the highest validation NDCG@10 over its
 * seeds), shown blind as diffs from the seed; skipped, with a note, without an LLM.
 */
async function judgeBestPrograms(
  request: StrategyComparisonRequest,
  services: StepServices,
  runs: readonly StrategyRun[],
  notes: string[]
) {
  const state =
    runs[0] === undefined ? undefined : await request.cloud.store.loadRunState(runs[0].runId);
  if (state?.config.llm === undefined) {
    notes.push(
      'code judge not run: it needs an LLM, and the base config (--config) has no llm section'
    );
    return undefined;
  }
  const programs: JudgedProgram[] = [];
  for (const strategy of new Set(runs.map((run) => run.strategy))) {
    const best = runs
      .filter((run) => run.strategy === strategy && run.best !== undefined)
      .sort((a, b) => (b.best?.validation.ndcg10 ?? 0) - (a.best?.validation.ndcg10 ?? 0))[0];
    if (best?.best === undefined || best.seed === undefined) continue;
    const [files, seedFiles] = await Promise.all([
      request.cloud.store.loadProgramFiles(best.runId, best.best.programId),
      request.cloud.store.loadProgramFiles(best.runId, best.seed.programId),
    ]);
    programs.push({
      strategy,
      runId: best.runId,
      programId: best.best.programId,
      diffFromSeed: unifiedDiff(seedFiles, files),
    });
  }
  const templates = {
    ...(await services.templates()),
    ...(await readTemplateFiles(CODE_JUDGE_TEMPLATE_NAMES)),
  };
  const outcome = await judgeCode(await services.llm(state.config), templates, programs, {
    seed: `${request.id}/code-judge`,
    correctiveRetries: state.config.proposal.correctiveRetries,
  });
  if (!outcome.ok) {
    notes.push(`code judge gave no usable answer: ${outcome.problem}`);
    return undefined;
  }
  return outcome.judgement;
}

/** The comparison in the bucket, and as a section of each of its runs' reports and pages. */
async function storeComparison(cloud: LocalCloud, comparison: Comparison): Promise<void> {
  const keys = comparisonKeys(comparison.id);
  await putJson(cloud.objects, keys.json, comparison);
  await cloud.objects.put(keys.markdown, comparisonMarkdown(comparison));
  const assets = await readReportPageAssets();
  for (const run of comparison.runs) {
    const report = await storedRunReport(cloud, run.runId);
    if (report === undefined) continue;
    const objects = runKeys(run.runId);
    const withComparison = { ...report, comparison };
    await putJson(cloud.objects, objects.comparison, comparison);
    await putJson(cloud.objects, objects.reportJson, withComparison);
    await cloud.objects.put(objects.reportMarkdown, runReportMarkdown(withComparison));
    const page = renderRunReportPage(
      await gatherRunReportData(
        { store: cloud.store, objects: cloud.objects, now: () => new Date() },
        run.runId
      ),
      assets
    );
    await cloud.objects.put(objects.reportHtml, page);
  }
}

export type { StrategyComparisonRequest };
export { comparisonKeys, runStrategyComparison };
