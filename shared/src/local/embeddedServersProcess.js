/**
 * The local stand-ins for DynamoDB (dynalite) and S3 (s3rver), in the one child process that
 * embeddedServers.ts forks. Plain JavaScript, because a forked process loads its file as Node
 * runs it, without a TypeScript loader. Forked with `--openssl-legacy-provider`: s3rver's
 * listing pagination needs a cipher that Node's default OpenSSL provider no longer has.
 *
 * In: argv[2], the data folder (`dynamodb/` and `s3/` under it, kept across restarts).
 * Out: one IPC message, { dynamoPort, s3Port } once both listen on 127.0.0.1, or { error }.
 * Exits when the parent disconnects (a parent killed with SIGKILL included) and on SIGTERM.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import dynalite from 'dynalite';
import S3rver from 's3rver';

const dataDir = process.argv[2];
let dynamoServer;
let s3Server;
let stopping = false;

async function start() {
  const dynamoDir = join(dataDir, 'dynamodb');
  const s3Dir = join(dataDir, 's3');
  await mkdir(dynamoDir, { recursive: true });
  await mkdir(s3Dir, { recursive: true });
  // Tables are ACTIVE at once: nothing waits for a simulated provisioning delay.
  dynamoServer = dynalite({
    path: dynamoDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise((resolve, reject) => {
    dynamoServer.once('error', reject);
    dynamoServer.listen(0, '127.0.0.1', resolve);
  });
  await probeDynamo(dynamoServer.address().port);
  s3Server = new S3rver({ address: '127.0.0.1', port: 0, directory: s3Dir, silent: true });
  const s3Address = await s3Server.run();
  return { dynamoPort: dynamoServer.address().port, s3Port: s3Address.port };
}

/**
 * dynalite opens its LevelDB store on the first request, and a store that another process holds
 * then throws out of the request handler: one request now makes that fail the start.
 */
async function probeDynamo(port) {
  await fetch(`http://127.0.0.1:${port}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-amz-json-1.0',
      'X-Amz-Target': 'DynamoDB_20120810.ListTables',
      // dynalite checks that a request is signed, not the signature.
      'X-Amz-Date': '20000101T000000Z',
      Authorization:
        'AWS4-HMAC-SHA256 Credential=local/20000101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0',
    },
    body: '{}',
  });
}

/** Before the ports are reported, any failure is the start's: the parent gets its reason. */
function failStart(error) {
  const reason =
    error?.code === 'LEVEL_DATABASE_NOT_OPEN'
      ? `${join(dataDir, 'dynamodb')} could not be opened; is another process using it?`
      : String(error instanceof Error ? error.message : error);
  process.send?.({ error: reason });
  process.exitCode = 1;
  stop();
}

/** Closes both servers (dynalite flushes and unlocks its LevelDB store), then exits. */
async function stop() {
  if (stopping) return;
  stopping = true;
  const closing = [];
  if (dynamoServer?.listening) {
    closing.push(new Promise((resolve) => dynamoServer.close(resolve)));
    // SDK clients keep connections alive; close() alone would wait for them to time out.
    dynamoServer.closeAllConnections();
  }
  if (s3Server?.httpServer?.listening) {
    closing.push(s3Server.close());
    s3Server.httpServer.closeAllConnections();
  }
  await Promise.allSettled(closing);
  process.exit();
}

process.on('disconnect', stop);
process.on('SIGTERM', stop);

process.on('uncaughtException', failStart);
try {
  const ports = await start();
  process.off('uncaughtException', failStart);
  process.send?.(ports);
} catch (error) {
  failStart(error);
}
