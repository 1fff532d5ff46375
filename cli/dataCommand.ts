import { join } from 'node:path';
import { z } from 'zod';
import { createTrainerProcess } from '../shared/src/adapters/index.js';
import { UsageError } from '../shared/src/errors.js';
import {
  downloadableDatasets,
  getDataset,
  repoRoot,
  resolveDataDir,
  resolvePython,
} from '../shared/src/local/index.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';

const dataFlags = {
  'data-dir': { type: 'string' },
  mirror: { type: 'string' },
  json: { type: 'boolean' },
} as const;

const dataFlagsSchema = z
  .object({
    'data-dir': z.string().min(1, 'must not be empty').optional(),
    mirror: z.url({ error: 'must be a URL' }).optional(),
    json: z.boolean().optional(),
  })
  .strict();

const datasetNameSchema = z.enum(downloadableDatasets);

/** `evolverec data get <name>`: downloads and preprocesses a public dataset. */
async function dataCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, dataFlags, dataFlagsSchema);
  const [subcommand, name, ...extra] = positionals;
  if (subcommand !== 'get') {
    throw new UsageError(`data needs the subcommand 'get', got '${subcommand ?? ''}'`);
  }
  const dataset = datasetNameSchema.safeParse(name);
  if (!dataset.success || extra.length > 0) {
    throw new UsageError(
      `data get needs one dataset name, one of ${downloadableDatasets.join(', ')}; got '${positionals.slice(1).join(' ')}'`
    );
  }
  const trainer = createTrainerProcess({
    python: resolvePython(io.env),
    progress: io.stderr,
    cwd: repoRoot,
    env: { ...io.env },
  });
  const dataDir = resolveDataDir(flags['data-dir'], io.env);
  await getDataset({ name: dataset.data, dataDir, mirror: flags.mirror }, trainer);
  const folder = join(dataDir, dataset.data);
  io.stdout.write(
    flags.json
      ? `${JSON.stringify({ dataset: dataset.data, dataDir, folder })}\n`
      : `${dataset.data} is in ${folder}\n`
  );
  return exitCodes.ok;
}

export { dataCommand };
