/**
 * bench:feedback — the directional feedback of one trained program on this machine: every probe's
 * figure (built-in and the program's probes.js), the offline simulated users' figures, the
 * offline simulator's fidelity on ml-100k (and the LLM simulator's, when `--config` names a run
 * config with an llm section and its key is in the environment), its fidelity out of sample
 * (constants fitted on one set of users, measured on another, beside each user's mean rating and
 * the global mean, for the datasets of `--fidelity` whose ratings are here), and the time to
 * score and simulate in Node.
 *
 *     npm run bench:feedback -- --dataset ml-1m [--model DIR] [--max-epochs N] [--config FILE]
 *         [--fidelity ml-100k,ml-1m] [--data-dir DIR] [--json]
 *
 * Without --model the seed is trained first (validation only) with the harness.
 */
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { parseFlags } from '../cli/flags.js';
import {
  createOpenAiLlmClient,
  createQuickJsProbeSandbox,
  createTrainerProcess,
  loadScoringModel,
} from '../shared/src/adapters/index.js';
import { runJudgeProcess } from '../shared/src/adapters/judge/index.js';
import { interpretByRules } from '../shared/src/core/diagnosis/index.js';
import type { TrainerRunner } from '../shared/src/core/evaluation/index.js';
import { judgeSettingsSchema, runConfigSchema } from '../shared/src/core/evolution/index.js';
import type { LlmClient } from '../shared/src/core/llm/index.js';
import { buildProbeInput } from '../shared/src/core/probes/index.js';
import {
  SIMULATION_TEMPLATE_NAMES,
  sampleSimulationUsers,
} from '../shared/src/core/simulation/index.js';
import {
  diagnoseModel,
  measureSimulatorFidelity,
  simulateUsers,
  vetProbeScript,
} from '../shared/src/engine/index.js';
import {
  ensurePreparedView,
  evaluateProgram,
  fidelityDirections,
  ratingsDatasetNames,
  readMovieLens100kRatings,
  readPreparedView,
  readTemplateFiles,
  repoRoot,
  resolveDataDir,
  resolvePython,
  resolveStateDir,
} from '../shared/src/local/index.js';
import { datasetNameFlag, positiveCountFlag } from './benchFlags.js';

const flagSpec = {
  dataset: { type: 'string', default: 'ml-1m' },
  model: { type: 'string' },
  config: { type: 'string' },
  'max-epochs': { type: 'string', default: '20' },
  users: { type: 'string', default: '1000' },
  'simulated-users': { type: 'string', default: '200' },
  repeats: { type: 'string', default: '5' },
  fidelity: { type: 'string', default: 'ml-100k,ml-1m' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean', default: false },
} as const;

const flagsSchema = z.object({
  dataset: datasetNameFlag,
  model: z.string().min(1).optional(),
  config: z.string().min(1).optional(),
  'max-epochs': positiveCountFlag,
  users: positiveCountFlag,
  'simulated-users': positiveCountFlag,
  repeats: positiveCountFlag,
  /** The datasets whose ratings the out-of-sample fidelity is fitted and measured on. */
  fidelity: z
    .string()
    .transform((text) => [...new Set(text.split(',').map((name) => name.trim()))])
    .pipe(z.array(z.enum(ratingsDatasetNames)).min(1)),
  'data-dir': z.string().min(1).optional(),
  json: z.boolean(),
});

const say = (line: string) => process.stderr.write(`[bench:feedback] ${line}\n`);

async function main(): Promise<void> {
  const { flags } = parseFlags(process.argv.slice(2), flagSpec, flagsSchema);
  const dataDir = resolveDataDir(flags['data-dir'], process.env);
  const stateDir = resolveStateDir(process.env);
  const seedDir = join(repoRoot, 'programs', 'sasrec');
  const trainer = createTrainerProcess({
    python: resolvePython(process.env),
    progress: process.stderr,
    cwd: repoRoot,
    env: { ...process.env },
  });
  const viewDir = await ensurePreparedView(
    { dataset: flags.dataset, dataDir, stateDir, view: 'candidate', report: say },
    trainer
  );
  const modelDir =
    flags.model ??
    (await trainSeed(flags.dataset, dataDir, stateDir, flags['max-epochs'], trainer));
  const view = await readPreparedView(viewDir);
  const model = await loadScoringModel(modelDir);

  // Scoring speed: the first `users` users, k = 10, no taps; the median of several runs.
  const scored = view.users.slice(0, flags.users).map((user) => user.train);
  await model.score(scored.slice(0, 64), { k: 10 });
  const scoringMs = await medianMs(flags.repeats, () => model.score(scored, { k: 10 }));

  // Built-in probes and the seed's probes.js on the same users.
  const diagnosisUsers = view.users
    .slice(0, flags.users)
    .map((user) => ({ history: user.train, valid: user.valid }));
  const diagnosisStart = performance.now();
  const diagnosis = await diagnoseModel(model, view.catalog, diagnosisUsers);
  const diagnosisMs = performance.now() - diagnosisStart;
  const probesSource = await readFile(join(seedDir, 'probes.js'), 'utf8');
  const probeInput = buildProbeInput({
    histories: scored,
    result: diagnosis.scoring,
    catalog: view.catalog,
  });
  const sandboxStart = performance.now();
  const probes = await vetProbeScript(
    createQuickJsProbeSandbox(),
    { candidate: probesSource, parent: probesSource },
    probeInput
  );
  const vettingMs = performance.now() - sandboxStart;

  // Offline simulated users: the run's kind of sample, scored and simulated together.
  const simulatedUsers = sampleSimulationUsers(view, flags['simulated-users'], '0/users');
  const simulation = await simulateUsers({
    model,
    view,
    users: simulatedUsers,
    simulator: { kind: 'offline' },
  });
  await model.close();

  // Fidelity of the offline simulator on ml-100k's real ratings.
  const ratings = await readMovieLens100kRatings(dataDir);
  const fidelity = await measureSimulatorFidelity({ ratings, simulator: { kind: 'offline' } });
  const outOfSample = await fidelityDirections(flags.fidelity, dataDir);
  const llm = flags.config === undefined ? undefined : await llmFromConfig(flags.config);
  const llmFidelity =
    llm === undefined
      ? undefined
      : await measureSimulatorFidelity({
          ratings,
          simulator: {
            kind: 'llm',
            llm,
            templates: await readTemplateFiles(SIMULATION_TEMPLATE_NAMES),
          },
        });

  const cpu = cpus();
  const report = {
    dataset: flags.dataset,
    model: modelDir,
    machine: `${cpu[0]?.model ?? 'unknown cpu'}, ${cpu.length} cores, Node ${process.version}`,
    scoring: {
      users: scored.length,
      medianMs: scoringMs.wall,
      medianCpuMs: scoringMs.cpu,
      msPerUser: scoringMs.wall / scored.length,
      loadAverage: loadavg()[0],
    },
    diagnosis: {
      users: diagnosisUsers.length,
      ms: diagnosisMs,
      figures: diagnosis.figures,
      interpretation: interpretByRules(diagnosis),
    },
    probesJs: {
      accepted: probes.accepted,
      figures: probes.figures,
      rejection: probes.rejection ?? null,
      dropped: probes.dropped,
      vettingMs,
    },
    simulator: {
      kind: 'offline',
      users: simulatedUsers.length,
      figures: simulation.figures,
      critique: simulation.critique,
      scoringMs: simulation.timings.scoringMs,
      simulatingMs: simulation.timings.simulatingMs,
      msPerUser:
        (simulation.timings.scoringMs + simulation.timings.simulatingMs) / simulatedUsers.length,
    },
    fidelity: {
      dataset: 'ml-100k',
      kind: 'offline',
      ...fidelity.report,
      msPerUser: fidelity.msPerUser,
    },
    fidelityOutOfSample: {
      kind: 'offline',
      directions: outOfSample.directions.map((direction) => ({
        fittedOn: direction.fittedOn,
        measuredOn: direction.measuredOn,
        fitted: direction.fitted,
        simulator: {
          aucPerUser: direction.simulator.aucPerUser,
          aucPooled: direction.simulator.aucPooled,
          rmse: direction.simulator.rmse,
          rmseWithCurrentConstants: direction.currentRmse,
        },
        userMean: { aucPooled: direction.userMean.aucPooled, rmse: direction.userMean.rmse },
        globalMean: { rmse: direction.globalMean.rmse },
        users: direction.simulator.users,
        heldOutItems: direction.simulator.heldOutItems,
        ratingsBeatBaselines: direction.ratingsBeatBaselines,
        verdict: direction.verdict,
      })),
      skipped: outOfSample.skipped,
    },
    llmFidelity:
      llmFidelity === undefined
        ? 'not run: no --config with an llm section and its key in the environment'
        : {
            dataset: 'ml-100k',
            kind: 'llm',
            ...llmFidelity.report,
            failedUsers: llmFidelity.failedUsers,
            msPerUser: llmFidelity.msPerUser,
          },
  };
  process.stdout.write(`${JSON.stringify(report, null, flags.json ? undefined : 2)}\n`);
}

/** Trains the seed on the candidate view (validation only) and returns its output folder. */
async function trainSeed(
  dataset: string,
  dataDir: string,
  stateDir: string,
  maxEpochs: number,
  trainer: TrainerRunner
): Promise<string> {
  const outDir = join(stateDir, 'bench-feedback', dataset, 'seed');
  say(`training the seed on ${dataset} (at most ${maxEpochs} epochs) into ${outDir}`);
  const result = await evaluateProgram(
    {
      program: join(repoRoot, 'programs', 'sasrec'),
      dataset,
      dataDir,
      outDir,
      stateDir,
      evaluateTest: false,
      maxEpochs,
      judge: judgeSettingsSchema.parse({}),
      report: say,
    },
    trainer,
    runJudgeProcess
  );
  if (result.failure !== undefined) throw new Error(`the seed failed: ${result.failure.message}`);
  return outDir;
}

/** The LLM client of a run config, when it has an llm section and its key is set. */
async function llmFromConfig(path: string): Promise<LlmClient | undefined> {
  const config = runConfigSchema.parse(JSON.parse(await readFile(path, 'utf8')));
  const apiKey = config.llm === undefined ? undefined : process.env[config.llm.apiKeyName];
  if (config.llm === undefined || apiKey === undefined || apiKey === '') return undefined;
  return createOpenAiLlmClient(config.llm, { apiKey });
}

/**
 * Median wall and CPU milliseconds of several runs. CPU time (every thread of this process,
 * onnxruntime's included) is what the work costs; wall time also counts waiting for cores that
 * other processes hold, so on a shared machine it says as much about the load as about the code.
 */
async function medianMs(
  repeats: number,
  run: () => Promise<unknown>
): Promise<{ readonly wall: number; readonly cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let index = 0; index < repeats; index += 1) {
    const startCpu = process.cpuUsage();
    const start = performance.now();
    await run();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(startCpu);
    cpu.push((used.user + used.system) / 1000);
  }
  const median = (values: number[]) =>
    values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
  return { wall: median(wall), cpu: median(cpu) };
}

await main();
