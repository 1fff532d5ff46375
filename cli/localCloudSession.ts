import { type LocalCloud, openLocalCloud } from '../runner/localCloud.js';
import { resolveStateDir } from '../shared/src/local/index.js';
import type { CliIo } from './io.js';

/**
 * Opens the local cloud (its servers on loopback, the data under the state dir) for one command
 * and always closes it, so that no server outlives the command.
 */
async function withLocalCloud<T>(
  io: CliIo,
  use: (cloud: LocalCloud, stateDir: string) => Promise<T>
): Promise<T> {
  const stateDir = resolveStateDir(io.env);
  const cloud = await openLocalCloud(stateDir);
  try {
    return await use(cloud, stateDir);
  } finally {
    await cloud.close();
  }
}

export { withLocalCloud };
