import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
import { InvalidArgumentError, StateDirBusyError } from '../errors.js';
import type { LocalCredentials, ServerSettings } from './embeddedServersProtocol.js';
import { LOCAL_REGION, serversReadySchema } from './embeddedServersProtocol.js';

/** The table and bucket of local runs, on the embedded servers. */
const LOCAL_TABLE_NAME = 'evolverec-local';
const LOCAL_BUCKET_NAME = 'evolverec-local';

const PROCESS_PATH = fileURLToPath(new URL('./embeddedServersProcess.ts', import.meta.url));
/** The child is TypeScript: it runs through tsx, found from here whatever the working folder. */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

/** Where the embedded servers listen and the key pair they accept: what a client needs. */
interface EmbeddedServersAccess {
  /** `http://127.0.0.1:<port>` of the DynamoDB stand-in. */
  readonly dynamoEndpoint: string;
  /** `http://127.0.0.1:<port>` of the S3 stand-in. */
  readonly s3Endpoint: string;
  readonly credentials: LocalCredentials;
}

interface EmbeddedServers extends EmbeddedServersAccess {
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
 * Starts DynamoDB (dynalite) and S3 (s3rver) stand-ins on 127.0.0.1, keeping their data under
 * `<dataDir>/dynamodb` and `<dataDir>/s3`. They accept only requests signed (SigV4, presigned S3
 * URLs included) with this session's credentials: fresh random ones, handed to the child over
 * IPC, returned here for this process's clients and never printed. They run in one child process,
 * which ends when this one does, however it ends: it exits when its IPC channel closes. The child
 * does not keep this process alive, so a CLI that never calls stop() still exits.
 */
async function startEmbeddedServers({ dataDir }: { dataDir: string }): Promise<EmbeddedServers> {
  const child = fork(PROCESS_PATH, [dataDir], {
    // Replaces this process's flags (a test runner's, …) with the child's own.
    execArgv: ['--openssl-legacy-provider', '--import', TSX_LOADER],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const credentials = freshCredentials();
  child.send({ credentials } satisfies ServerSettings);
  const { dynamoPort, s3Port } = await portsOf(child);
  child.unref();
  child.channel?.unref();
  return {
    dynamoEndpoint: `http://127.0.0.1:${dynamoPort}`,
    s3Endpoint: `http://127.0.0.1:${s3Port}`,
    credentials,
    pid: child.pid ?? 0,
    stop: () => stopChild(child),
  };
}

function freshCredentials(): LocalCredentials {
  return {
    accessKeyId: `LOCAL${randomBytes(10).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
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
    const ready = serversReadySchema.safeParse(message);
    const outcome = ready.success ? ready.data : undefined;
    if (outcome?.started) return outcome;
    await stopChild(child);
    if (outcome === undefined) throw failure('an unreadable message');
    if (outcome.storeLocked) {
      throw new StateDirBusyError(`the embedded DynamoDB store is in use: ${outcome.error}`);
    }
    throw failure(outcome.error);
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
 * Clients of the embedded servers: loopback endpoints, the fixed local region, the session's
 * credentials, path-style bucket addressing.
 */
function createLocalAwsClients(access: EmbeddedServersAccess): LocalAwsClients {
  // The SDK warns once per process on Node < 22 that future releases will drop it; the CLI
  // supports Node 20, where the warning would only be noise on every local command.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const region = LOCAL_REGION;
  // Each client gets a copy: the SDK marks the objects it is given (a `$source` field).
  const credentials = () => ({ ...access.credentials });
  const dynamo = new DynamoDBClient({
    endpoint: access.dynamoEndpoint,
    region,
    credentials: credentials(),
  });
  const s3 = new S3Client({
    endpoint: access.s3Endpoint,
    region,
    credentials: credentials(),
    forcePathStyle: true,
    // As in AWS (cloudStepServices): presigned PUT URLs without an empty body's checksum.
    requestChecksumCalculation: 'WHEN_REQUIRED',
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

export type { EmbeddedServers, EmbeddedServersAccess, LocalAwsClients };
export {
  createLocalAwsClients,
  ensureLocalTableAndBucket,
  LOCAL_BUCKET_NAME,
  LOCAL_TABLE_NAME,
  startEmbeddedServers,
};
