import { runStrategyComparison } from '../runner/compareStrategies.js';
import { comparisonMarkdown } from '../shared/src/core/comparison/index.js';
import { UsageError } from '../shared/src/errors.js';
import { resolveDataDir } from '../shared/src/local/index.js';
import {
  comparedSetup,
  compareFlagSpec,
  compareFlagsSchema,
  comparisonId,
  readBaseConfig,
} from './compareFlags.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';
import { withRunSession } from './localCloudSession.js';

/**
 * `evolverec compare`: the named strategies on the same data set, users, candidate budget and
 * seeds, then one table (Markdown, or the comparison's JSON with --json). Exit code 0 when every
 * run finished, 3 otherwise (the table still shows what there is).
 */
async function compareCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, compareFlagSpec, compareFlagsSchema);
  if (positionals.length > 0) {
    throw new UsageError(`compare takes flags only, got '${positionals.join(' ')}'`);
  }
  const id = comparisonId(flags, io.now());
  const base = await readBaseConfig(flags.config);
  return withRunSession(io, id, async (cloud, stateDir) => {
    const comparison = await runStrategyComparison({
      id,
      cloud,
      stateDir,
      dataDir: resolveDataDir(flags['data-dir'], io.env),
      env: io.env,
      ...comparedSetup(flags),
      base,
      trainerProgress: io.stderr,
      report: (line) => io.stderr.write(`evolverec: ${line}\n`),
      now: io.now,
    });
    io.stdout.write(
      flags.json ? `${JSON.stringify(comparison)}\n` : comparisonMarkdown(comparison)
    );
    const finished = comparison.runs.every((run) => run.status === 'finished');
    return finished ? exitCodes.ok : exitCodes.failed;
  });
}

export { compareCommand };
