import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { renderRunReportPage } from '../shared/src/core/report/index.js';
import { gatherRunReportData } from '../shared/src/engine/index.js';
import { UsageError } from '../shared/src/errors.js';
import { readReportPageAssets } from '../shared/src/local/index.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';
import { withLocalCloud } from './localCloudSession.js';
import { apiReportCommand } from './remote/apiReportCommand.js';
import { oneRunId } from './remote/runIdArgument.js';

/** The flags that name a deployed API: with any of them, the report is the API's. */
const REMOTE_FLAGS = ['--stack', '--region', '--api-url'];

/**
 * `evolverec report <run>`: a local run's report page, or with --stack, --region or --api-url
 * the report of a run of the deployed API.
 */
async function reportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const remote = args.some((arg) =>
    REMOTE_FLAGS.some((flag) => arg === flag || arg.startsWith(`${flag}=`))
  );
  return remote ? apiReportCommand(args, io) : localReportCommand(args, io);
}

/**
 * The run's report page, made now from what is stored (a run going on too), written to
 * `<state dir>/reports/<run>.html`; prints its path (with --json, `{ runId, page }`).
 */
async function localReportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(
    args,
    { json: { type: 'boolean' } },
    z.object({ json: z.boolean().optional() }).strict()
  );
  const runId = oneRunId('report', positionals);
  const { page, stateDir } = await withLocalCloud(io, async ({ cloud, stateDir }) => {
    if ((await cloud.registry.getRun(runId)) === undefined) {
      throw new UsageError(`no run ${runId} here (evolverec runs lists them)`);
    }
    const [data, assets] = await Promise.all([
      gatherRunReportData({ store: cloud.store, objects: cloud.objects, now: io.now }, runId),
      readReportPageAssets(),
    ]);
    return { page: renderRunReportPage(data, assets), stateDir };
  });
  const dir = join(stateDir, 'reports');
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${runId}.html`);
  await writeFile(path, page);
  io.stdout.write(flags.json ? `${JSON.stringify({ runId, page: path })}\n` : `${path}\n`);
  return exitCodes.ok;
}

export { reportCommand };
