import { z } from 'zod';
import { runReportMarkdown, runReportSchema } from '../../shared/src/core/runs/index.js';
import { parseFlags } from '../flags.js';
import { type CliIo, exitCodes } from '../io.js';
import { oneRunId } from './runIdArgument.js';
import { connectRunsApi, remoteFlags, remoteFlagsShape } from './runsApiConnection.js';

const remoteFlagsSchema = z.object(remoteFlagsShape).strict();

/** `evolverec report <run> --stack|--api-url …`: report.json of a run of the deployed API. */
async function apiReportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, remoteFlags, remoteFlagsSchema);
  const runId = oneRunId('report', positionals);
  const api = await connectRunsApi(flags);
  const report = await api.request('GET', `runs/${runId}/report?format=json`, runReportSchema);
  io.stdout.write(flags.json ? `${JSON.stringify(report)}\n` : runReportMarkdown(report));
  return exitCodes.ok;
}

export { apiReportCommand };
