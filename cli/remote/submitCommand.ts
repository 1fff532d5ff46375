import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { z } from 'zod';
import { createRunRequestSchema } from '../../shared/src/api/index.js';
import { parseContract, parseJsonContract } from '../../shared/src/core/contracts/index.js';
import { runConfigSchema } from '../../shared/src/core/evolution/index.js';
import { UsageError } from '../../shared/src/errors.js';
import { readSeedFolder, resolveSeedDir } from '../../shared/src/local/index.js';
import { parseFlags } from '../flags.js';
import { type CliIo, exitCodes } from '../io.js';
import { runStatusAnswerSchema } from './apiAnswers.js';
import { connectRunsApi, remoteFlags, remoteFlagsShape } from './runsApiConnection.js';

const submitFlags = { ...remoteFlags, config: { type: 'string' } } as const;
const submitFlagsSchema = z
  .object({
    ...remoteFlagsShape,
    config: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  })
  .strict();

/**
 * `evolverec submit --config <file>`: the run config and its seed folder, checked here as the API
 * checks them, sent to the deployed API as the caller; prints the new run's id.
 */
async function submitCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, submitFlags, submitFlagsSchema);
  if (positionals.length > 0) {
    throw new UsageError(`submit takes flags only, got '${positionals.join(' ')}'`);
  }
  const configPath = resolve(flags.config);
  if (!existsSync(configPath)) throw new UsageError(`--config ${flags.config} does not exist`);
  // The config goes as written (the API applies the defaults), once it is known to be valid.
  const written: unknown = parseJsonContract(
    z.unknown(),
    await readFile(configPath, 'utf8'),
    configPath
  );
  const config = parseContract(runConfigSchema, written, configPath);
  const seedDir = resolveSeedDir(config.seedProgram);
  const seedFiles = Object.fromEntries(
    Object.entries(await readSeedFolder(seedDir)).map(([name, bytes]) => [
      name,
      bytes.toString('utf8'),
    ])
  );
  const body = { config: written, seedFiles };
  parseContract(createRunRequestSchema, body, `the run request (${configPath} and ${seedDir})`);
  const api = await connectRunsApi(flags);
  const created = await api.request('POST', 'runs', runStatusAnswerSchema, body);
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(created)}\n`);
  } else {
    io.stdout.write(`${created.runId}\n`);
    io.stderr.write(
      `evolverec: submitted ${created.runId} (${created.status}); follow it with evolverec status ${created.runId}\n`
    );
  }
  return exitCodes.ok;
}

export { submitCommand };
