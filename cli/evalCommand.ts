import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { createTrainerProcess } from '../shared/src/adapters/index.js';
import { runJudgeProcess } from '../shared/src/adapters/judge/index.js';
import { withoutSecrets } from '../shared/src/adapters/withoutSecrets.js';
import { judgeSettingsSchema } from '../shared/src/core/evolution/index.js';
import { formatEvaluation } from '../shared/src/core/judging/index.js';
import { UsageError } from '../shared/src/errors.js';
import {
  datasetFromCommandLine,
  defaultEvalOutDir,
  evaluateProgram,
  repoRoot,
  resolveDataDir,
  resolvePython,
  resolveStateDir,
} from '../shared/src/local/index.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';
import { createProgressDisplay } from './progressDisplay.js';

const evalFlags = {
  program: { type: 'string' },
  dataset: { type: 'string' },
  'data-dir': { type: 'string' },
  out: { type: 'string' },
  'max-epochs': { type: 'string' },
  patience: { type: 'string' },
  'eval-every': { type: 'string' },
  'time-limit': { type: 'string' },
  test: { type: 'boolean' },
  'allow-unsandboxed': { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

const requiredText = z.string({ error: 'is required' }).min(1, 'must not be empty');
const positiveInteger = z
  .string()
  .regex(/^[1-9]\d*$/, 'must be a positive integer')
  .transform(Number);
const positiveSeconds = z
  .string()
  .regex(/^\d*\.?\d+$/, 'must be a positive number of seconds')
  .transform(Number)
  .refine((seconds) => seconds > 0, 'must be a positive number of seconds');

const evalFlagsSchema = z
  .object({
    program: requiredText,
    /** A known name, or a data file's path (from here, else under the data directory). */
    dataset: requiredText,
    'data-dir': z.string().min(1, 'must not be empty').optional(),
    out: z.string().min(1, 'must not be empty').optional(),
    'max-epochs': positiveInteger.optional(),
    patience: positiveInteger.optional(),
    'eval-every': positiveInteger.optional(),
    'time-limit': positiveSeconds.optional(),
    test: z.boolean().optional(),
    'allow-unsandboxed': z.boolean().optional(),
    json: z.boolean().optional(),
  })
  .strict();

/**
 * `evolverec eval`: trains one program on the candidate view, then the judge scores its
 * exported model (validation of record; test with --test); prints the judge's metrics.
 */
async function evalCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, evalFlags, evalFlagsSchema);
  if (positionals.length > 0) {
    throw new UsageError(`eval takes flags only, got '${positionals.join(' ')}'`);
  }
  const program = resolve(flags.program);
  if (!isDirectory(program)) {
    throw new UsageError(`--program must be a program directory, got '${flags.program}'`);
  }
  const stateDir = resolveStateDir(io.env);
  const outDir = resolve(flags.out ?? defaultEvalOutDir(stateDir, io.now(), program));
  const display = createProgressDisplay(io.stderr);
  const trainer = createTrainerProcess({
    python: resolvePython(io.env),
    progress: display.trainerOutput,
    cwd: repoRoot,
    env: withoutSecrets(io.env),
  });
  const result = await evaluateProgram(
    {
      program,
      dataset: datasetFromCommandLine(flags.dataset),
      dataDir: resolveDataDir(flags['data-dir'], io.env),
      outDir,
      stateDir,
      evaluateTest: flags.test ?? false,
      maxEpochs: flags['max-epochs'],
      patience: flags.patience,
      evalEvery: flags['eval-every'],
      timeLimitSeconds: flags['time-limit'],
      allowUnsandboxed: flags['allow-unsandboxed'] ?? false,
      judge: judgeSettingsSchema.parse({}),
      report: (message) => display.line(`evolverec: ${message}`),
    },
    trainer,
    runJudgeProcess
  ).finally(() => display.stop());
  io.stdout.write(
    flags.json ? `${JSON.stringify({ ...result, outDir })}\n` : formatEvaluation(result, outDir)
  );
  return result.status === 'ok' ? exitCodes.ok : exitCodes.failedCandidate;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

export { evalCommand };
