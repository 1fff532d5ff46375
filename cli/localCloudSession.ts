import { setTimeout as sleep } from 'node:timers/promises';
import { connectLocalCloud, type LocalCloud, openLocalCloud } from '../runner/localCloud.js';
import { StateDirBusyError } from '../shared/src/errors.js';
import { resolveStateDir } from '../shared/src/local/index.js';
import type { ServerSession } from '../shared/src/local/serverSession.js';
import { findLiveServerSession, publishServerSession } from '../shared/src/local/serverSession.js';
import type { CliIo } from './io.js';

/** How long a command waits for the embedded store while another command holds it briefly. */
const BUSY_WAIT_MS = 15_000;
const BUSY_RETRY_MS = 300;

/** A command's view of the local cloud; `live` is the run going on there, if one is. */
interface LocalCloudView {
  readonly cloud: LocalCloud;
  readonly stateDir: string;
  readonly live?: ServerSession;
}

/**
 * Opens the local cloud for a command that reads (runs, show): through the servers of the run
 * going on in the state dir, when there is one, else through servers of its own, which it stops
 * at the end.
 */
async function withLocalCloud<T>(io: CliIo, use: (view: LocalCloudView) => Promise<T>): Promise<T> {
  const stateDir = resolveStateDir(io.env);
  const view = await openOrJoin(stateDir);
  try {
    return await use(view);
  } finally {
    await view.cloud.close();
  }
}

/**
 * Opens the local cloud for a command that runs `runId` (run, resume): its own servers, published
 * under the state dir while the run goes on, so that other commands read through them. One run
 * at a time per state dir: while another goes on, this says which and stops.
 */
async function withRunSession<T>(
  io: CliIo,
  runId: string,
  use: (cloud: LocalCloud, stateDir: string) => Promise<T>
): Promise<T> {
  const stateDir = resolveStateDir(io.env);
  const { cloud, live } = await openOrJoin(stateDir);
  if (live !== undefined) {
    await cloud.close();
    throw new StateDirBusyError(
      live.runId === runId
        ? `run ${runId} is already going on (pid ${live.pid}); follow it with evolverec show ${runId}`
        : `run ${live.runId} is going on in ${stateDir} (pid ${live.pid}); one run at a time per state dir: wait for it, or start ${runId} with another EVOLVEREC_STATE_DIR`
    );
  }
  const withdraw = await publishServerSession(stateDir, {
    pid: process.pid,
    runId,
    ...cloud.access,
    startedAt: io.now().toISOString(),
  });
  try {
    return await use(cloud, stateDir);
  } finally {
    await withdraw();
    await cloud.close();
  }
}

/**
 * The live run's servers, else servers of this command's own. The store may be held for a moment
 * by another command starting or stopping its servers: that is waited out, and a run that
 * published its servers in the meantime is joined.
 */
async function openOrJoin(stateDir: string): Promise<LocalCloudView> {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (;;) {
    const live = await findLiveServerSession(stateDir);
    if (live !== undefined) return { cloud: await connectLocalCloud(live), stateDir, live };
    try {
      return { cloud: await openLocalCloud(stateDir), stateDir };
    } catch (error) {
      if (!(error instanceof StateDirBusyError) || Date.now() > deadline) throw error;
    }
    await sleep(BUSY_RETRY_MS);
  }
}

export type { LocalCloudView };
export { withLocalCloud, withRunSession };
