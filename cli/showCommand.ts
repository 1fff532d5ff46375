import { z } from 'zod';
import { runKeys, runReport, runReportMarkdown } from '../shared/src/core/runs/index.js';
import { getJson } from '../shared/src/engine/index.js';
import { UsageError } from '../shared/src/errors.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';
import { withLocalCloud } from './localCloudSession.js';
import { jsonFlag, jsonFlagSchema } from './runsCommand.js';

/** The finished report's test metrics, when the final evaluation ran. */
const storedReportSchema = z
  .object({
    best: z
      .object({ test: z.record(z.string(), z.number()).optional() })
      .loose()
      .optional(),
    finalNote: z.string().optional(),
  })
  .loose();

/** `evolverec show <run>`: a run's generations, best program and costs. */
async function showCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, jsonFlag, jsonFlagSchema);
  const [runId, ...extra] = positionals;
  if (runId === undefined || extra.length > 0) throw new UsageError('show takes one run id');
  return withLocalCloud(io, async (cloud) => {
    const run = await cloud.registry.getRun(runId);
    if (run === undefined) throw new UsageError(`no run ${runId} here (evolverec runs lists them)`);
    const state = await cloud.store.loadRunState(runId);
    if (state === undefined) {
      io.stdout.write(`run ${runId}: ${run.status}, nothing evaluated yet\n`);
      return exitCodes.ok;
    }
    const stored = await getJson(cloud.objects, runKeys(runId).reportJson, storedReportSchema);
    const test = stored?.best?.test;
    const report = runReport(state, {
      ...(test === undefined ? {} : { test }),
      ...(stored?.finalNote === undefined ? {} : { note: stored.finalNote }),
    });
    if (flags.json) {
      io.stdout.write(`${JSON.stringify({ ...report, runStatus: run.status })}\n`);
      return exitCodes.ok;
    }
    io.stdout.write(runReportMarkdown(report));
    io.stdout.write(`run status: ${run.status}${run.stopReason ? ` (${run.stopReason})` : ''}\n`);
    return exitCodes.ok;
  });
}

export { showCommand };
