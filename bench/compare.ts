/**
 * bench:compare — `evolverec compare` as a benchmark: the named strategies on the same data set,
 * users, candidate budget and seeds, then the table (Markdown, or JSON with --json). State goes
 * to a temporary folder unless EVOLVEREC_STATE_DIR names one (then --id resumes a comparison).
 *
 *     npm run bench:compare -- [--strategies nas,directional-nas] [--dataset ml-100k] [--seeds 3]
 *         [--candidates 8] [--max-epochs 20] [--config FILE] [--data-dir DIR] [--json]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  comparedSetup,
  compareFlagSpec,
  compareFlagsSchema,
  comparisonId,
  readBaseConfig,
} from '../cli/compareFlags.js';
import { parseFlags } from '../cli/flags.js';
import { runStrategyComparison } from '../runner/compareStrategies.js';
import { openLocalCloud } from '../runner/localCloud.js';
import { comparisonMarkdown } from '../shared/src/core/comparison/index.js';
import { resolveDataDir, resolveStateDir } from '../shared/src/local/index.js';

const say = (line: string) => process.stderr.write(`[bench:compare] ${line}\n`);

async function main(): Promise<void> {
  const { flags } = parseFlags(process.argv.slice(2), compareFlagSpec, compareFlagsSchema);
  const temporary = (process.env.EVOLVEREC_STATE_DIR ?? '') === '';
  const stateDir = temporary
    ? await mkdtemp(join(tmpdir(), 'evolverec-compare-'))
    : resolveStateDir(process.env);
  say(`state in ${stateDir}${temporary ? ' (temporary)' : ''}`);
  const cloud = await openLocalCloud(stateDir);
  try {
    const comparison = await runStrategyComparison({
      id: comparisonId(flags, new Date()),
      cloud,
      stateDir,
      dataDir: resolveDataDir(flags['data-dir'], process.env),
      env: process.env,
      ...comparedSetup(flags),
      base: await readBaseConfig(flags.config),
      trainerProgress: process.stderr,
      report: say,
      now: () => new Date(),
    });
    process.stdout.write(
      flags.json ? `${JSON.stringify(comparison)}\n` : comparisonMarkdown(comparison)
    );
    if (comparison.runs.some((run) => run.status !== 'finished')) process.exitCode = 1;
  } finally {
    await cloud.close();
    if (temporary) await rm(stateDir, { recursive: true, force: true });
  }
}

await main();
