import { storedRunReport } from '../runner/storedRunReport.js';
import { runReportMarkdown } from '../shared/src/core/runs/index.js';
import { UsageError } from '../shared/src/errors.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';
import { withLocalCloud } from './localCloudSession.js';
import { activityFields, describeRunStatus } from './runActivity.js';
import { jsonFlag, jsonFlagSchema } from './runsCommand.js';

/** `evolverec show <run>`: a run's generations, best program and costs, while it runs too. */
async function showCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, jsonFlag, jsonFlagSchema);
  const [runId, ...extra] = positionals;
  if (runId === undefined || extra.length > 0) throw new UsageError('show takes one run id');
  return withLocalCloud(io, async ({ cloud, live }) => {
    const run = await cloud.registry.getRun(runId);
    if (run === undefined) throw new UsageError(`no run ${runId} here (evolverec runs lists them)`);
    const status = describeRunStatus(run, live);
    const report = await storedRunReport(cloud, runId);
    if (report === undefined) {
      io.stdout.write(`run ${runId}: ${status}, nothing evaluated yet\n`);
      return exitCodes.ok;
    }
    if (flags.json) {
      const fields = { ...report, runStatus: run.status, ...activityFields(run, live) };
      io.stdout.write(`${JSON.stringify(fields)}\n`);
      return exitCodes.ok;
    }
    io.stdout.write(runReportMarkdown(report));
    io.stdout.write(`run status: ${status}${run.stopReason ? ` (${run.stopReason})` : ''}\n`);
    return exitCodes.ok;
  });
}

export { showCommand };
