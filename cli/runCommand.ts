import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { synthesiseEvolutionDefinition } from '../infra/lib/orchestration/synthesise-definition.js';
import { executeLocalRun } from '../runner/executeLocalRun.js';
import type { LocalCloud } from '../runner/localCloud.js';
import { submitLocalRun } from '../runner/localRun.js';
import { storedRunReport } from '../runner/storedRunReport.js';
import { parseJsonContract } from '../shared/src/core/contracts/index.js';
import type { RunConfig } from '../shared/src/core/evolution/index.js';
import { runConfigSchema } from '../shared/src/core/evolution/index.js';
import { runIdSchema, runReportMarkdown } from '../shared/src/core/runs/index.js';
import { UsageError } from '../shared/src/errors.js';
import { preflightRun, resolveDataDir, resolveSeedDir } from '../shared/src/local/index.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';
import { withRunSession } from './localCloudSession.js';
import { createProgressDisplay, type ProgressDisplay } from './progressDisplay.js';

const runFlags = {
  config: { type: 'string' },
  'run-id': { type: 'string' },
  'data-dir': { type: 'string' },
  'parallel-jobs': { type: 'string' },
  'allow-unsandboxed': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const parallelJobs = z
  .string()
  .regex(/^[1-9]\d*$/, 'must be a positive integer')
  .transform(Number);

const runFlagsSchema = z
  .object({
    config: z.string({ error: 'is required' }).min(1, 'must not be empty'),
    'run-id': runIdSchema.optional(),
    'data-dir': z.string().min(1, 'must not be empty').optional(),
    'parallel-jobs': parallelJobs.optional(),
    'allow-unsandboxed': z.boolean().optional(),
    json: z.boolean().optional(),
  })
  .strict();

const resumeFlagsSchema = runFlagsSchema.omit({ config: true, 'run-id': true });

/** `evolverec run --config <file>`: a whole evolution on this machine, the cloud's pipeline. */
async function runCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, runFlags, runFlagsSchema);
  if (positionals.length > 0)
    throw new UsageError(`run takes flags only, got '${positionals.join(' ')}'`);
  const configPath = resolve(flags.config);
  if (!existsSync(configPath)) throw new UsageError(`--config ${flags.config} does not exist`);
  const config = parseJsonContract(runConfigSchema, await readFile(configPath, 'utf8'), configPath);
  const runId = flags['run-id'] ?? defaultRunId(config, io.now());
  const dataDir = resolveDataDir(flags['data-dir'], io.env);
  const seedDir = resolveSeedDir(config.seedProgram);
  // Before anything is prepared, registered or trained: a run that cannot go far stops here.
  await preflightRun({ config, dataDir, seedDir, env: io.env, checkDataset: true });
  return withRunSession(io, runId, async (cloud, stateDir) => {
    const display = createProgressDisplay(io.stderr);
    try {
      const report = reporter(display);
      await submitLocalRun(cloud, {
        runId,
        config,
        dataDir,
        stateDir,
        env: io.env,
        trainerProgress: display.trainerOutput,
        report,
        now: io.now(),
      });
      report(
        `run ${runId}: ${config.strategy} on ${config.dataset}, ${config.generations} generation(s) × ${config.candidatesPerGeneration}`
      );
      return await execute(io, display, cloud, stateDir, runId, flags);
    } finally {
      display.stop();
    }
  });
}

/** `evolverec resume <run>`: a new execution of a stopped run, from its recorded state. */
async function resumeCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, runFlags, resumeFlagsSchema);
  const [runId, ...extra] = positionals;
  if (runId === undefined || extra.length > 0) throw new UsageError('resume takes one run id');
  return withRunSession(io, runId, async (cloud, stateDir) => {
    const run = await cloud.registry.getRun(runId);
    if (run === undefined) throw new UsageError(`no run ${runId} here (evolverec runs lists them)`);
    const { config } = run;
    const seedDir = resolveSeedDir(config.seedProgram);
    const dataDir = resolveDataDir(flags['data-dir'], io.env);
    await preflightRun({ config, dataDir, seedDir, env: io.env, checkDataset: false });
    const display = createProgressDisplay(io.stderr);
    try {
      reporter(display)(`resuming ${runId} (${run.status}, generation ${run.generation})`);
      return await execute(io, display, cloud, stateDir, runId, flags);
    } finally {
      display.stop();
    }
  });
}

async function execute(
  io: CliIo,
  display: ProgressDisplay,
  cloud: LocalCloud,
  stateDir: string,
  runId: string,
  flags: {
    readonly 'parallel-jobs'?: number;
    readonly 'allow-unsandboxed'?: boolean;
    readonly json?: boolean;
  }
): Promise<number> {
  const jobs = flags['parallel-jobs'];
  await executeLocalRun({
    runId,
    cloud,
    definition: await synthesiseEvolutionDefinition(),
    stateDir,
    env: io.env,
    ...(jobs === undefined ? {} : { parallelJobs: jobs }),
    allowUnsandboxed: flags['allow-unsandboxed'] ?? false,
    trainerProgress: display.trainerOutput,
    report: reporter(display),
    countCandidates: (done, total) => display.count('candidates', done, total),
    countSimulatedUsers: (done, total) => display.count('users', done, total),
  });
  display.stop();
  const run = await cloud.registry.getRun(runId);
  const report = await storedRunReport(cloud, runId);
  const status = run?.status ?? 'unknown';
  if (flags.json) {
    const fields = { runId, ...report, runStatus: status, stopReason: run?.stopReason };
    io.stdout.write(`${JSON.stringify(fields)}\n`);
  } else {
    if (report !== undefined) io.stdout.write(runReportMarkdown(report));
    io.stdout.write(`status: ${status}${run?.stopReason ? ` (${run.stopReason})` : ''}\n`);
  }
  return status === 'finished' ? exitCodes.ok : exitCodes.failed;
}

function reporter(display: ProgressDisplay): (line: string) => void {
  return (line) => display.line(`evolverec: ${line}`);
}

/** `<name or strategy>-<UTC timestamp>`: sortable, readable, unique enough on one machine. */
function defaultRunId(config: RunConfig, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${config.name ?? config.strategy}-${stamp}`;
}

export { resumeCommand, runCommand };
