/**
 * The local stand-ins for DynamoDB (dynalite) and S3 (s3rver), in the one child process that
 * embeddedServers.ts forks (through tsx, with `--openssl-legacy-provider`: s3rver's listing
 * pagination needs a cipher that Node's default OpenSSL provider no longer has).
 *
 * In: argv[2], the data folder (`dynamodb/` and `s3/` under it, kept across restarts); then one
 * IPC message with the session's credentials (never argv, never the environment).
 * Out: one IPC message, { dynamoPort, s3Port } once both listen on 127.0.0.1, or { error }.
 * Every request must carry a SigV4 signature made with those credentials (see
 * signedRequestGates.ts); dynalite itself listens on a socket in a folder only this user can read.
 * Exits when the parent disconnects (a parent killed with SIGKILL included) and on SIGTERM.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { DUMMY_ACCOUNT } from 's3rver/lib/models/account.js';
import type { LocalCredentials, ServersReady } from './embeddedServersProtocol.js';
import { LOCAL_REGION, serverSettingsSchema } from './embeddedServersProtocol.js';
import { dynamoGate, s3Gate } from './signedRequestGates.js';

const LOOPBACK = '127.0.0.1';
const dataDir = process.argv[2] ?? '';
let dynalitePrivateDir: string | undefined;
const servers: Server[] = [];
let stopping = false;

async function start(credentials: LocalCredentials): Promise<ServersReady> {
  const dynamoDir = join(dataDir, 'dynamodb');
  const s3Dir = join(dataDir, 's3');
  await mkdir(dynamoDir, { recursive: true });
  await mkdir(s3Dir, { recursive: true });
  // mkdtemp makes the folder 0700: no other user can reach dynalite's unauthenticated socket.
  dynalitePrivateDir = await mkdtemp(join(tmpdir(), 'evolverec-dynamodb-'));
  const dynaliteSocket = join(dynalitePrivateDir, 'dynalite.sock');
  // Tables are ACTIVE at once: nothing waits for a simulated provisioning delay.
  const dynamoStore = dynalite({
    path: dynamoDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  servers.push(dynamoStore);
  await listen(dynamoStore, dynaliteSocket);
  await probeDynalite(dynaliteSocket);
  const expected = { credentials, region: LOCAL_REGION };
  const dynamoFront = createServer(
    dynamoGate(dynaliteSocket, { ...expected, service: 'dynamodb', presignedUrls: false })
  );
  const s3rver = new S3rver({ directory: s3Dir, silent: true });
  // The gate verifies signatures; s3rver only looks the key id up in its own list.
  DUMMY_ACCOUNT.createKeyPair(credentials.accessKeyId, credentials.secretAccessKey);
  const s3Front = createServer(
    s3Gate(s3rver.callback(), { ...expected, service: 's3', presignedUrls: true })
  );
  servers.push(dynamoFront, s3Front);
  return {
    started: true,
    dynamoPort: await listenOnLoopback(dynamoFront),
    s3Port: await listenOnLoopback(s3Front),
  };
}

/** Listens on a socket path, or on a port of a host. */
async function listen(
  server: Server,
  where: string | { port: number; host: string }
): Promise<void> {
  server.listen(where);
  await Promise.race([
    once(server, 'listening'),
    once(server, 'error').then(([error]) => Promise.reject(error)),
  ]);
}

/** Listens on a free port of 127.0.0.1 and makes sure that is where it listens. */
async function listenOnLoopback(server: Server): Promise<number> {
  await listen(server, { port: 0, host: LOOPBACK });
  const address = server.address() as AddressInfo;
  if (address.address !== LOOPBACK) {
    throw new Error(`a stand-in listens on ${address.address}, not on ${LOOPBACK}`);
  }
  return address.port;
}

/**
 * dynalite opens its LevelDB store on the first request, and a store that another process holds
 * then throws out of the request handler: one request now makes that fail the start. It goes to
 * dynalite directly, which checks only that a request looks signed.
 */
async function probeDynalite(socketPath: string): Promise<void> {
  const probe = request({
    socketPath,
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'DynamoDB_20120810.ListTables',
      'X-Amz-Date': '20000101T000000Z',
      Authorization:
        'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
  });
  probe.end('{}');
  const [answer] = (await once(probe, 'response')) as [IncomingMessage];
  answer.resume();
  await once(answer, 'end');
}

/** Before the ports are reported, any failure is the start's: the parent gets its reason. */
function failStart(error: unknown): void {
  // One failure is reported: the probe's connection, reset by the first, would be another.
  if (stopping) return;
  const code = (error as { code?: unknown } | undefined)?.code;
  // A store that failed to open (another process holds its lock) fails whichever call uses it.
  const storeLocked = code === 'LEVEL_DATABASE_NOT_OPEN' || code === 'LEVEL_ITERATOR_NOT_OPEN';
  const reason = storeLocked
    ? `${join(dataDir, 'dynamodb')} could not be opened; is another process using it?`
    : String(error instanceof Error ? error.message : error);
  process.send?.({ started: false, error: reason, storeLocked } satisfies ServersReady);
  process.exitCode = 1;
  void stop();
}

/** Closes every server (dynalite flushes and unlocks its LevelDB store), then exits. */
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  const closing = servers
    .filter((server) => server.listening)
    .map((server) => {
      const closed = new Promise((resolve) => server.close(resolve));
      // SDK clients keep connections alive; close() alone would wait for them to time out.
      server.closeAllConnections();
      return closed;
    });
  await Promise.allSettled(closing);
  if (dynalitePrivateDir !== undefined) {
    await rm(dynalitePrivateDir, { recursive: true, force: true });
  }
  process.exit();
}

process.on('disconnect', stop);
process.on('SIGTERM', stop);
process.on('uncaughtException', failStart);
try {
  const [message] = (await once(process, 'message')) as [unknown];
  const { credentials } = serverSettingsSchema.parse(message);
  const ready = await start(credentials);
  process.off('uncaughtException', failStart);
  process.send?.(ready);
} catch (error) {
  failStart(error);
}
