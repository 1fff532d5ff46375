import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { EmbeddedServers, LocalAwsClients } from '../../shared/src/local/embeddedServers.js';
import {
  createLocalAwsClients,
  startEmbeddedServers,
} from '../../shared/src/local/embeddedServers.js';

/**
 * The embedded DynamoDB- and S3-protocol servers for one test file: started before its tests in
 * a temp folder, stopped and removed after them. `clients()` gives the SDK clients on loopback.
 */
function useEmbeddedAws(label: string): { readonly clients: () => LocalAwsClients } {
  let dataDir: string | undefined;
  let servers: EmbeddedServers | undefined;
  let clients: LocalAwsClients | undefined;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), `evolverec-${label}-`));
    servers = await startEmbeddedServers({ dataDir });
    clients = createLocalAwsClients(servers);
  });
  afterAll(async () => {
    await servers?.stop();
    if (dataDir !== undefined) await rm(dataDir, { recursive: true, force: true });
  });
  return {
    clients: () => {
      if (clients === undefined) throw new Error('the embedded servers are not started yet');
      return clients;
    },
  };
}

export { useEmbeddedAws };
