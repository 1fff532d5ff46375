import { z } from 'zod';
import type { RunRecord } from '../shared/src/core/runs/index.js';
import { UsageError } from '../shared/src/errors.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';
import { withLocalCloud } from './localCloudSession.js';
import { activityFields, describeRunStatus } from './runActivity.js';

const jsonFlag = { json: { type: 'boolean' } } as const;
const jsonFlagSchema = z.object({ json: z.boolean().optional() }).strict();

/** `evolverec runs`: every local run, newest first; a run going on is read through its servers. */
async function runsCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, jsonFlag, jsonFlagSchema);
  if (positionals.length > 0)
    throw new UsageError(`runs takes no arguments, got '${positionals.join(' ')}'`);
  const { runs, live } = await withLocalCloud(io, async ({ cloud, live }) => {
    const all: RunRecord[] = [];
    let cursor: string | undefined;
    do {
      const page = await cloud.registry.listRuns({ ...(cursor === undefined ? {} : { cursor }) });
      all.push(...page.runs);
      cursor = page.cursor;
    } while (cursor !== undefined);
    return { runs: all, live };
  });
  if (flags.json) {
    const rows = runs.map(({ config, ...run }) => ({
      ...run,
      ...activityFields({ config, ...run }, live),
      strategy: config.strategy,
      dataset: config.dataset,
    }));
    io.stdout.write(`${JSON.stringify(rows)}\n`);
    return exitCodes.ok;
  }
  if (runs.length === 0) {
    io.stdout.write('no runs yet (evolverec run --config <file> starts one)\n');
    return exitCodes.ok;
  }
  const rows = runs.map((run) => [
    run.runId,
    describeRunStatus(run, live),
    run.config.strategy,
    run.config.dataset,
    String(run.generation),
    run.bestFitness === undefined ? '-' : run.bestFitness.toFixed(4),
    run.usd.toFixed(4),
    run.createdAt,
  ]);
  io.stdout.write(
    table(
      ['run', 'status', 'strategy', 'dataset', 'generation', 'best val NDCG@10', 'USD', 'created'],
      rows
    )
  );
  return exitCodes.ok;
}

/** Columns padded to their widest cell. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length))
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return `${[header, ...rows].map(line).join('\n')}\n`;
}

export { jsonFlag, jsonFlagSchema, runsCommand };
