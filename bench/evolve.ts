import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseFlags } from '../cli/flags.js';
import { synthesiseEvolutionDefinition } from '../infra/lib/orchestration/synthesise-definition.js';
import { executeLocalRun } from '../runner/executeLocalRun.js';
import { openLocalCloud } from '../runner/localCloud.js';
import { submitLocalRun } from '../runner/localRun.js';
import type { CandidateTiming } from '../runner/runLocalExecution.js';
import { paretoFront } from '../shared/src/core/archive/index.js';
import { parseJsonContract } from '../shared/src/core/contracts/index.js';
import { evaluationResultSchema } from '../shared/src/core/evaluation/index.js';
import type { RunConfig, RunState } from '../shared/src/core/evolution/index.js';
import {
  outcomeLabel,
  runConfigSchema,
  strategyNameSchema,
} from '../shared/src/core/evolution/index.js';
import type { LlmExchange } from '../shared/src/core/llm/index.js';
import { callStats, ledgerTotals, llmExchangeSchema } from '../shared/src/core/llm/index.js';
import { describeOutcomeCounts, outcomeCounts, runKeys } from '../shared/src/core/runs/index.js';
import type { ObjectStore, RunStore } from '../shared/src/engine/index.js';
import { getJson } from '../shared/src/engine/index.js';
import { resolveDataDir, resolveStateDir } from '../shared/src/local/index.js';
import { datasetNameFlag, positiveCountFlag } from './benchFlags.js';

const flagSpec = {
  strategy: { type: 'string', default: 'nas' },
  dataset: { type: 'string', default: 'ml-100k' },
  candidates: { type: 'string', default: '12' },
  'per-generation': { type: 'string', default: '4' },
  'max-epochs': { type: 'string', default: '40' },
  seed: { type: 'string', default: '0' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

const flagsSchema = z.object({
  strategy: strategyNameSchema,
  dataset: datasetNameFlag,
  candidates: positiveCountFlag,
  'per-generation': positiveCountFlag,
  'max-epochs': positiveCountFlag,
  seed: z.string().regex(/^\d+$/, 'must be a non-negative integer').transform(Number),
  'data-dir': z.string().min(1).optional(),
  /** A run config (JSON) whose other sections (llm, archive, proposal, feedback…) the bench uses. */
  config: z.string().min(1).optional(),
  json: z.boolean(),
});

type BenchFlags = z.output<typeof flagsSchema>;

/** A base run config as written: any sections, checked once merged with the flags. */
const baseConfigSchema = z.record(z.string(), z.unknown());

interface CandidateRow {
  readonly id: string;
  readonly generation: number;
  readonly parent: string | null;
  readonly status: string;
  readonly valNdcg10: number | null;
  readonly bestSoFar: number | null;
  /** Seconds in the candidate's training jobs (repairs included); null when none ran. */
  readonly trainSeconds: number | null;
  /** Seconds from the candidate's first step to its last, less its training jobs. */
  readonly orchestrationSeconds: number | null;
  /** How it ended: `trained`, `edits_not_applied`, `harness_failure (exception)`, … */
  readonly outcome: string;
  readonly change: string;
}

const say = (line: string) => process.stderr.write(`[bench:evolve] ${line}\n`);

async function main(): Promise<void> {
  const { flags } = parseFlags(process.argv.slice(2), flagSpec, flagsSchema);
  const config = await benchConfig(flags);
  const stamp = new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15);
  const runId = `bench-${config.strategy}-${config.dataset}-${stamp}`;
  const temporary = (process.env.EVOLVEREC_STATE_DIR ?? '') === '';
  const stateDir = temporary
    ? await mkdtemp(join(tmpdir(), 'evolverec-bench-'))
    : resolveStateDir(process.env);
  say(`state in ${stateDir}${temporary ? ' (temporary)' : ''}`);
  const cloud = await openLocalCloud(stateDir);
  try {
    await submitLocalRun(cloud, {
      runId,
      config,
      dataDir: resolveDataDir(flags['data-dir'], process.env),
      stateDir,
      env: process.env,
      trainerProgress: process.stderr,
      report: say,
      now: new Date(),
    });
    say(
      `run ${runId}: ${config.strategy} on ${config.dataset}, ${config.generations} generation(s) × ${config.candidatesPerGeneration}, ${flags.candidates} candidate(s), at most ${config.training.maxEpochs} epochs`
    );
    const started = performance.now();
    const { timings } = await executeLocalRun({
      runId,
      cloud,
      definition: await synthesiseEvolutionDefinition(),
      stateDir,
      env: process.env,
      trainerProgress: process.stderr,
      report: say,
    });
    const wallSeconds = (performance.now() - started) / 1000;
    const run = await cloud.registry.getRun(runId);
    const state = await cloud.store.loadRunState(runId);
    if (state === undefined) {
      throw new Error(
        `run ${runId} left no state (${run?.status ?? 'unknown'}: ${run?.stopReason ?? 'no reason'})`
      );
    }
    const rows = await candidateRows(state, cloud.store, timings);
    const device = await seedDevice(cloud.objects, state);
    const outcomes = outcomeCounts(state.config, state.programs);
    const exchanges = await runExchanges(cloud.objects, state);
    const report = {
      rows,
      summary: {
        ...summary(state, rows, timings),
        status: run?.status ?? 'unknown',
        wallSeconds,
        device,
        machine: machine(),
      },
      outcomes,
      llm: callStats(exchanges),
    };
    process.stdout.write(
      flags.json
        ? `${JSON.stringify(report)}\n`
        : [
            formatTable(rows),
            `outcomes: ${describeOutcomeCounts(outcomes)}`,
            `LLM calls per role: ${JSON.stringify(report.llm, null, 2)}`,
            JSON.stringify(report.summary, null, 2),
            '',
          ].join('\n')
    );
    if (run?.status !== 'finished') process.exitCode = 1;
  } finally {
    await cloud.close();
    if (temporary) await rm(stateDir, { recursive: true, force: true });
  }
}

/**
 * The run's config: the base config's sections, then the flags. Generations = ⌈candidates /
 * per-generation⌉ and the iteration budget = candidates, so the last generation may be partial.
 */
async function benchConfig(flags: BenchFlags): Promise<RunConfig> {
  const base =
    flags.config === undefined
      ? {}
      : parseJsonContract(baseConfigSchema, await readFile(flags.config, 'utf8'), flags.config);
  const section = (name: string) => {
    const value = base[name];
    return typeof value === 'object' && value !== null ? value : {};
  };
  return runConfigSchema.parse({
    ...base,
    strategy: flags.strategy,
    dataset: flags.dataset,
    randomSeed: flags.seed,
    candidatesPerGeneration: Math.min(flags['per-generation'], flags.candidates),
    generations: Math.ceil(flags.candidates / flags['per-generation']),
    budget: { ...section('budget'), iterations: flags.candidates },
    training: { ...section('training'), maxEpochs: flags['max-epochs'] },
  });
}

/** The seed folder: as given when absolute, else from the working directory or the checkout. */
async function candidateRows(
  state: RunState,
  store: RunStore,
  timings: readonly CandidateTiming[]
): Promise<CandidateRow[]> {
  const timingOf = new Map(timings.map((timing) => [timing.programId, timing]));
  let best: number | null = null;
  const rows: CandidateRow[] = [];
  for (const program of state.programs) {
    const record = (await store.loadOutcome(state.runId, program.id))?.record;
    if (program.fitness !== undefined) best = Math.max(best ?? program.fitness, program.fitness);
    const timing = timingOf.get(program.id);
    rows.push({
      id: program.id,
      generation: program.generation,
      parent: program.parentId,
      status: program.status === 'ok' ? 'ok' : `failed (${program.failureStage ?? 'unknown'})`,
      valNdcg10: program.fitness ?? null,
      bestSoFar: best,
      trainSeconds: timing?.trainSeconds ?? record?.trainSeconds ?? null,
      orchestrationSeconds: timing?.orchestrationSeconds ?? null,
      outcome: program.outcome === undefined ? program.status : outcomeLabel(program.outcome),
      change:
        program.parentId === null
          ? 'seed'
          : ((record?.idea ?? record?.failure?.reason ?? '').split('\n')[0] ?? ''),
    });
  }
  return rows;
}

function summary(
  state: RunState,
  rows: readonly CandidateRow[],
  timings: readonly CandidateTiming[]
) {
  const seedFitness = rows[0]?.valNdcg10 ?? null;
  const trained = rows.filter((row) => row.valNdcg10 !== null);
  const best = trained.reduce<CandidateRow | undefined>(
    (a, b) => (a === undefined || (b.valNdcg10 ?? 0) > (a.valNdcg10 ?? 0) ? b : a),
    undefined
  );
  const bestFitness = best?.valNdcg10 ?? null;
  const front = paretoFront(Object.values(state.archive.programs)).map((entry) => ({
    id: entry.programId,
    ...entry.objectives,
  }));
  const orchestration = timings.map((timing) => timing.orchestrationSeconds);
  const costs = ledgerTotals(state.ledger);
  return {
    strategy: state.config.strategy,
    dataset: state.config.dataset,
    runId: state.runId,
    randomSeed: state.config.randomSeed,
    generations: state.generation,
    candidates: rows.length - 1,
    failed: rows.filter((row) => row.status !== 'ok').length,
    duplicatesRejected: rows.filter((row) => row.status === 'failed (duplicate)').length,
    seedValNdcg10: seedFitness,
    bestValNdcg10: bestFitness,
    bestId: best?.id ?? null,
    bestBeatsSeed: bestFitness !== null && seedFitness !== null && bestFitness > seedFitness,
    relativeImprovement:
      bestFitness === null || seedFitness === null || seedFitness === 0
        ? null
        : (bestFitness - seedFitness) / seedFitness,
    bestSoFar: rows.map((row) => row.bestSoFar),
    paretoFront: front,
    maxEpochs: state.config.training.maxEpochs ?? null,
    trainSeconds: costs.secondsByKind.gpu,
    medianOrchestrationSeconds: median(orchestration),
    maxOrchestrationSeconds: orchestration.length === 0 ? null : Math.max(...orchestration),
    usd: costs.usd,
    stopReason: state.stopReason ?? null,
  };
}

/** Every LLM exchange stored with the run's programs (the proposals', repairs' and feedback's). */
async function runExchanges(objects: ObjectStore, state: RunState): Promise<LlmExchange[]> {
  const stored = await Promise.all(
    state.programs.map((program) =>
      getJson(
        objects,
        `${runKeys(state.runId).program(program.id)}exchanges.json`,
        z.array(llmExchangeSchema)
      )
    )
  );
  return stored.flatMap((exchanges) => exchanges ?? []);
}

/** The seed's metrics.json says where the harness trained: `cpu` or `cuda:<name>`. */
async function seedDevice(objects: ObjectStore, state: RunState): Promise<string> {
  const key = runKeys(state.runId).attemptMetrics(state.seedProgramId, 1);
  const result = await getJson(objects, key, evaluationResultSchema).catch(() => undefined);
  return result?.device ?? 'unknown';
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? null)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function machine(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, Node ${process.version}`;
}

function formatTable(rows: readonly CandidateRow[]): string {
  const header = [
    'candidate',
    'gen',
    'parent',
    'status',
    'outcome',
    'val NDCG@10',
    'best so far',
    'train s',
    'orch. s',
    'change',
  ];
  const seconds = (value: number | null, digits: number) =>
    value === null ? '-' : value.toFixed(digits);
  const lines = rows.map((row) => [
    row.id,
    String(row.generation),
    row.parent ?? '-',
    row.status,
    row.outcome,
    row.valNdcg10 === null ? '-' : row.valNdcg10.toFixed(4),
    row.bestSoFar === null ? '-' : row.bestSoFar.toFixed(4),
    seconds(row.trainSeconds, 1),
    seconds(row.orchestrationSeconds, 2),
    row.change.length > 70 ? `${row.change.slice(0, 67)}...` : row.change,
  ]);
  const widths = header.map((_, column) =>
    Math.max(...[header, ...lines].map((line) => (line[column] ?? '').length))
  );
  return [header, ...lines]
    .map((line) =>
      line
        .map((cell, column) => cell.padEnd(widths[column] ?? 0))
        .join('  ')
        .trimEnd()
    )
    .join('\n');
}

await main();
