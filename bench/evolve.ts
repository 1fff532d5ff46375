/**
 * bench:evolve — one evolution run of a strategy on this machine, the seed and every candidate
 * trained by the real harness: each candidate's validation NDCG@10 and the best-so-far curve.
 *
 *     npm run bench:evolve -- --strategy nas --dataset ml-100k --candidates 12 [--data-dir DIR] [--json]
 */
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseFlags } from '../cli/flags.js';
import { paretoFront } from '../shared/src/core/archive/index.js';
import type { RunState } from '../shared/src/core/evolution/index.js';
import { runConfigSchema, strategyNameSchema } from '../shared/src/core/evolution/index.js';
import type { RunStore } from '../shared/src/engine/index.js';
import { runEvolution } from '../shared/src/engine/index.js';
import {
  createLocalEngineServices,
  readEvaluationResult,
  readProgramDir,
  repoRoot,
  resolveDataDir,
  resolveStateDir,
} from '../shared/src/local/index.js';
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
  /** A run config (JSON) whose llm, archive and proposal sections the bench uses. */
  config: z.string().min(1).optional(),
  json: z.boolean(),
});

interface CandidateRow {
  readonly id: string;
  readonly generation: number;
  readonly parent: string | null;
  readonly status: string;
  readonly valNdcg10: number | null;
  readonly bestSoFar: number;
  readonly change: string;
}

async function main(): Promise<void> {
  const { flags } = parseFlags(process.argv.slice(2), flagSpec, flagsSchema);
  const base = flags.config === undefined ? {} : JSON.parse(await readFile(flags.config, 'utf8'));
  const config = runConfigSchema.parse({
    ...base,
    strategy: flags.strategy,
    dataset: flags.dataset,
    randomSeed: flags.seed,
    candidatesPerGeneration: Math.min(flags['per-generation'], flags.candidates),
    generations: Math.ceil(flags.candidates / flags['per-generation']),
    budget: { ...(base.budget ?? {}), iterations: flags.candidates },
    training: { ...(base.training ?? {}), maxEpochs: flags['max-epochs'] },
  });
  const stateDir = resolveStateDir(process.env);
  const stamp = new Date().toISOString().replace(/[-:.]/g, '').slice(0, 15);
  const runId = `bench-${config.strategy}-${config.dataset}-${stamp}`;
  const say = (line: string) => process.stderr.write(`[bench:evolve] ${line}\n`);
  const services = await createLocalEngineServices({
    runId,
    config,
    dataDir: resolveDataDir(flags['data-dir'], process.env),
    stateDir,
    env: process.env,
    trainerProgress: process.stderr,
    report: say,
  });
  const started = performance.now();
  const state = await runEvolution(
    { runId, config, seedFiles: await readProgramDir(join(repoRoot, config.seedProgram)) },
    services
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const rows = await candidateRows(state, services.store);
  const seedResult = await readEvaluationResult(
    services.trainer.modelLocation({ programId: state.seedProgramId, attempt: 1 })
  );
  const report = summary(state, rows, seedResult.device, wallSeconds);
  process.stdout.write(
    flags.json
      ? `${JSON.stringify(report)}\n`
      : `${formatTable(rows)}\n${JSON.stringify(report.summary, null, 2)}\n`
  );
}

async function candidateRows(state: RunState, store: RunStore): Promise<CandidateRow[]> {
  let best = Number.NEGATIVE_INFINITY;
  const rows: CandidateRow[] = [];
  for (const program of state.programs) {
    const outcome = await store.loadOutcome(state.runId, program.id);
    const record = outcome?.record;
    if (program.fitness !== undefined) best = Math.max(best, program.fitness);
    rows.push({
      id: program.id,
      generation: program.generation,
      parent: program.parentId,
      status: program.status === 'ok' ? 'ok' : `failed (${program.failureStage})`,
      valNdcg10: program.fitness ?? null,
      bestSoFar: best,
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
  device: string,
  wallSeconds: number
) {
  const seedFitness = rows[0]?.valNdcg10 ?? Number.NaN;
  const trained = rows.filter((row) => row.valNdcg10 !== null);
  const best = trained.reduce((a, b) => ((b.valNdcg10 ?? 0) > (a.valNdcg10 ?? 0) ? b : a));
  const front = paretoFront(Object.values(state.archive.programs)).map((entry) => ({
    id: entry.programId,
    ...entry.objectives,
  }));
  const cpu = cpus();
  return {
    rows,
    summary: {
      strategy: state.config.strategy,
      dataset: state.config.dataset,
      runId: state.runId,
      candidates: rows.length - 1,
      failed: rows.filter((row) => row.status !== 'ok').length,
      seedValNdcg10: seedFitness,
      bestValNdcg10: best.valNdcg10,
      bestId: best.id,
      bestBeatsSeed: (best.valNdcg10 ?? 0) > seedFitness,
      relativeImprovement: ((best.valNdcg10 ?? 0) - seedFitness) / seedFitness,
      bestSoFar: rows.map((row) => row.bestSoFar),
      paretoFront: front,
      maxEpochs: state.config.training.maxEpochs ?? null,
      trainSeconds: state.ledger.reduce((sum, entry) => sum + (entry.seconds ?? 0), 0),
      wallSeconds,
      usd: state.ledger.reduce((sum, entry) => sum + entry.usd, 0),
      stopReason: state.stopReason,
      device,
      machine: `${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, Node ${process.version}`,
    },
  };
}

function formatTable(rows: readonly CandidateRow[]): string {
  const header = ['candidate', 'gen', 'parent', 'status', 'val NDCG@10', 'best so far', 'change'];
  const lines = rows.map((row) => [
    row.id,
    String(row.generation),
    row.parent ?? '-',
    row.status,
    row.valNdcg10 === null ? '-' : row.valNdcg10.toFixed(4),
    row.bestSoFar.toFixed(4),
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
