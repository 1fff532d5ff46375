import { z } from 'zod';
import { parseFlags } from '../flags.js';
import { type CliIo, exitCodes } from '../io.js';
import { type RunAnswer, runAnswerSchema } from './apiAnswers.js';
import { oneRunId } from './runIdArgument.js';
import { connectRunsApi, remoteFlags, remoteFlagsShape } from './runsApiConnection.js';

const remoteFlagsSchema = z.object(remoteFlagsShape).strict();

/** `evolverec status <run>`: where a run of the deployed API stands. */
async function statusCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, remoteFlags, remoteFlagsSchema);
  const runId = oneRunId('status', positionals);
  const api = await connectRunsApi(flags);
  const answer = await api.request('GET', `runs/${runId}`, runAnswerSchema);
  io.stdout.write(flags.json ? `${JSON.stringify(answer)}\n` : describeRun(answer));
  return exitCodes.ok;
}

function describeRun({ run, progress }: RunAnswer): string {
  const lines = [
    `run ${run.runId}: ${run.status}${run.stopReason === undefined ? '' : ` (${run.stopReason})`}`,
    `${run.config.strategy} on ${run.config.dataset}, team ${run.team}, created ${run.createdAt}`,
  ];
  if (progress !== undefined) {
    const best =
      progress.best === undefined
        ? 'none trained yet'
        : `${progress.best.programId} (validation NDCG@10 ${progress.best.valNdcg10.toFixed(4)})`;
    lines.push(
      `generation ${progress.generation} of ${progress.generations}, ${progress.programs} program(s), best ${best}`,
      `cost so far: $${progress.usd.toFixed(4)}`
    );
  }
  if (run.status === 'finished') lines.push(`its report: evolverec report ${run.runId}`);
  return `${lines.join('\n')}\n`;
}

export { statusCommand };
