import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import { CreateBucketCommand, HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { runTableDefinition } from '../adapters/aws/index.js';
import { InvalidArgumentError } from '../errors.js';

/** The table and bucket of local runs, on the embedded servers. */
const LOCAL_TABLE_NAME = 'evolverec-local';
const LOCAL_BUCKET_NAME = 'evolverec-local';

const PROCESS_PATH = fileURLToPath(new URL('./embeddedServersProcess.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

interface EmbeddedServers {
  /** `http://127.0.0.1:<port>` of dynalite. */
  readonly dynamoEndpoint: string;
  /** `http://127.0.0.1:<port>` of s3rver. */
  readonly s3Endpoint: string;
  /** The child process that runs both. */
  readonly pid: number;
  /** Stops both servers; what they stored stays in the data folder. */
  stop(): Promise<void>;
}

interface LocalAwsClients {
  readonly dynamo: DynamoDBClient;
  readonly documents: DynamoDBDocumentClient;
  readonly s3: S3Client;
}

/**
 * Starts DynamoDB (dynalite) and S3 (s3rver) stand-ins on loopback, keeping their data under
 * `<dataDir>/dynamodb` and `<dataDir>/s3`. They run in one child process, which ends when this
 * one does, however it ends: it exits when its IPC channel closes. The child does not keep this
 * process alive, so a CLI that never calls stop() still exits.
 */
async function startEmbeddedServers({ dataDir }: { dataDir: string }): Promise<EmbeddedServers> {
  const child = fork(PROCESS_PATH, [dataDir], {
    // Replaces this process's flags (a TypeScript loader, …): the child is plain JavaScript.
    execArgv: ['--openssl-legacy-provider'],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { dynamoPort, s3Port } = await portsOf(child);
  child.unref();
  child.channel?.unref();
  return {
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    s3Endpoint: `http://127.0.0.1:${s3Port}`,
    pid: child.pid ?? 0,
    stop: () => stopChild(child),
  };
}

/** Waits for the child's one message: both ports, or why it could not start. */
async function portsOf(child: ChildProcess): Promise<{ dynamoPort: number; s3Port: number }> {
  const failure = (reason: string) =>
    new Error(`the embedded DynamoDB and S3 servers did not start: ${reason}`);
  const timer = setTimeout(() => child.kill('SIGKILL'), START_TIMEOUT_MS);
  try {
    const message = await new Promise<unknown>((resolve, reject) => {
      child.once('message', resolve);
      child.once('error', (error) => reject(failure(error.message)));
      child.once('exit', (code, signal) => reject(failure(`exited (${signal ?? code})`)));
    });
    const { dynamoPort, s3Port, error } = message as Record<string, unknown>;
    if (typeof dynamoPort !== 'number' || typeof s3Port !== 'number') {
      await stopChild(child);
      throw failure(typeof error === 'string' ? error : 'no ports reported');
    }
    return { dynamoPort, s3Port };
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM lets dynalite close its LevelDB store; SIGKILL if it does not exit in time. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  // Waiting for the exit must keep this process alive, which unref() had stopped.
  child.ref();
  const exited = once(child, 'exit');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}

/**
 * Clients of the embedded servers: loopback endpoints, a fixed region and s3rver's own
 * credentials (it checks signatures; dynalite ignores them), path-style bucket addressing.
 */
function createLocalAwsClients(endpoints: {
  dynamoEndpoint: string;
  s3Endpoint: string;
}): LocalAwsClients {
  // The SDK warns once per process on Node < 22 that future releases will drop it; the CLI
  // supports Node 20, where the warning would only be noise on every local command.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const region = 'us-east-1';
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const dynamo = new DynamoDBClient({ endpoint: endpoints.dynamoEndpoint, region, credentials });
  const s3 = new S3Client({
    endpoint: endpoints.s3Endpoint,
    region,
    credentials,
    forcePathStyle: true,
  });
  return { dynamo, documents: DynamoDBDocumentClient.from(dynamo), s3 };
}

/** Creates the table and the bucket unless they exist (servers started on old data have them). */
async function ensureLocalTableAndBucket(
  clients: LocalAwsClients,
  names: { tableName: string; bucket: string }
): Promise<void> {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(names.bucket)) {
    throw new InvalidArgumentError(
      `bucket name '${names.bucket}' must be 3 to 63 lower-case letters, digits, '.' or '-'`
    );
  }
  await ensureTable(clients.dynamo, names.tableName);
  await ensureBucket(clients.s3, names.bucket);
}

async function ensureTable(dynamo: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await dynamo.send(new DescribeTableCommand({ TableName: tableName }));
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  try {
    await dynamo.send(new CreateTableCommand(runTableDefinition(tableName)));
  } catch (error) {
    // Another process created it in between.
    if (!(error instanceof ResourceInUseException)) throw error;
  }
}

async function ensureBucket(s3: S3Client, bucket: string): Promise<void> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    return;
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if (status !== 404) throw error;
  }
  try {
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (error) {
    if (!(error instanceof Error && error.name === 'BucketAlreadyOwnedByYou')) throw error;
  }
}

export type { EmbeddedServers, LocalAwsClients };
export {
  createLocalAwsClients,
  ensureLocalTableAndBucket,
  LOCAL_BUCKET_NAME,
  LOCAL_TABLE_NAME,
  startEmbeddedServers,
};
