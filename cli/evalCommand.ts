import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { createTrainerProcess } from '../shared/src/adapters/index.js';
import { formatEvaluation } from '../shared/src/core/evaluation/index.js';
import { UsageError } from '../shared/src/errors.js';
import {
  defaultEvalOutDir,
  evaluateProgram,
  repoRoot,
  resolveDataDir,
  resolvePython,
  resolveStateDir,
} from '../shared/src/local/index.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';

const evalFlags = {
  program: { type: 'string' },
  dataset: { type: 'string' },
  'data-dir': { type: 'string' },
  out: { type: 'string' },
  'max-epochs': { type: 'string' },
  'time-limit': { type: 'string' },
  test: { type: 'boolean' },
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
    // It names a cache directory too, so it stays one safe path segment.
    dataset: requiredText.regex(/^[\w][\w.-]*$/, 'must be a dataset name like ml-1m'),
    'data-dir': z.string().min(1, 'must not be empty').optional(),
    out: z.string().min(1, 'must not be empty').optional(),
    'max-epochs': positiveInteger.optional(),
    'time-limit': positiveSeconds.optional(),
    test: z.boolean().optional(),
    json: z.boolean().optional(),
  })
  .strict();

/** `evolverec eval`: trains and scores one program, prints its metrics. */
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
  const trainer = createTrainerProcess({
    python: resolvePython(io.env),
    progress: io.stderr,
    cwd: repoRoot,
    env: { ...io.env },
  });
  const result = await evaluateProgram(
    {
      program,
      dataset: flags.dataset,
      dataDir: resolveDataDir(flags['data-dir'], io.env),
      outDir,
      stateDir,
      evaluateTest: flags.test ?? false,
      maxEpochs: flags['max-epochs'],
      timeLimitSeconds: flags['time-limit'],
      report: (message) => io.stderr.write(`evolverec: ${message}\n`),
    },
    trainer
  );
  io.stdout.write(
    flags.json ? `${JSON.stringify({ ...result, outDir })}\n` : formatEvaluation(result, outDir)
  );
  return result.correct ? exitCodes.ok : exitCodes.failedCandidate;
}

function isDirectory(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}

export { evalCommand };
