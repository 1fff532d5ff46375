import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { renderRunReportPage } from '../shared/src/core/report/index.js';
import { runIdSchema } from '../shared/src/core/runs/index.js';
import { gatherRunReportData } from '../shared/src/engine/index.js';
import { UsageError } from '../shared/src/errors.js';
import { readReportPageAssets } from '../shared/src/local/index.js';
import { parseFlags } from './flags.js';
import { type CliIo, exitCodes } from './io.js';
import { withLocalCloud } from './localCloudSession.js';

/**
 * `evolverec report <run>`: the run's report page, made now from what is stored (a run going on
 * too), written to `<state dir>/reports/<run>.html`; prints its path.
 */
async function reportCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { positionals } = parseFlags(args, {}, z.object({}).strict());
  const [runId, ...extra] = positionals;
  if (runId === undefined || extra.length > 0) throw new UsageError('report takes one run id');
  if (!runIdSchema.safeParse(runId).success) throw new UsageError(`'${runId}' is not a run id`);
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
  io.stdout.write(`${path}\n`);
  return exitCodes.ok;
}

export { reportCommand };
