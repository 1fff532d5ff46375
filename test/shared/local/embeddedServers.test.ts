import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDynamoRunRegistry,
  createS3ObjectStore,
} from '../../../shared/src/adapters/aws/index.js';
import { runConfigSchema } from '../../../shared/src/core/evolution/index.js';
import type { RunRecord } from '../../../shared/src/core/runs/index.js';
import type { EmbeddedServers } from '../../../shared/src/local/embeddedServers.js';
import {
  createLocalAwsClients,
  ensureLocalTableAndBucket,
  LOCAL_BUCKET_NAME,
  LOCAL_TABLE_NAME,
  startEmbeddedServers,
} from '../../../shared/src/local/embeddedServers.js';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'evolverec-servers-'));
});

afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

const names = { tableName: LOCAL_TABLE_NAME, bucket: LOCAL_BUCKET_NAME };

const record: RunRecord = {
  runId: 'run-kept',
  team: 'recsys',
  status: 'running',
  createdAt: '2026-11-26T00:00:00.000Z',
  updatedAt: '2026-11-26T00:00:00.000Z',
  config: runConfigSchema.parse({ strategy: 'nas', dataset: 'ml-100k' }),
  generation: 2,
  usd: 0.5,
};

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number): Promise<boolean> {
  for (let tries = 0; tries < 50 && isRunning(pid); tries += 1) await sleep(100);
  return !isRunning(pid);
}

describe('startEmbeddedServers', () => {
  it('keeps tables and objects in the data folder across a restart', async () => {
    // Prepare
    const first = await startEmbeddedServers({ dataDir });
    const before = createLocalAwsClients(first);
    await ensureLocalTableAndBucket(before, names);
    await createDynamoRunRegistry({ client: before.dynamo, tableName: names.tableName }).createRun(
      record
    );
    await createS3ObjectStore({ client: before.s3, bucket: names.bucket }).put('kept.txt', 'kept');
    await first.stop();

    // Act
    const second = await startEmbeddedServers({ dataDir });
    try {
      const after = createLocalAwsClients(second);
      await ensureLocalTableAndBucket(after, names);

      // Assert
      const registry = createDynamoRunRegistry({
        client: after.dynamo,
        tableName: names.tableName,
      });
      expect(await registry.getRun('run-kept')).toEqual(record);
      const objects = createS3ObjectStore({ client: after.s3, bucket: names.bucket });
      expect(new TextDecoder().decode(await objects.get('kept.txt'))).toBe('kept');
    } finally {
      await second.stop();
    }
  });

  it('ends its child process on stop', async () => {
    // Prepare
    const servers = await startEmbeddedServers({ dataDir });
    expect(isRunning(servers.pid)).toBe(true);

    // Act
    await servers.stop();

    // Assert
    expect(isRunning(servers.pid)).toBe(false);
    await expect(fetch(servers.dynamoEndpoint)).rejects.toThrow();
    await servers.stop();
  });

  it('ends its child process when the parent is killed', async () => {
    // Prepare: a parent that starts the servers, prints the child's id and waits.
    const module = fileURLToPath(
      new URL('../../../shared/src/local/embeddedServers.ts', import.meta.url)
    );
    const script = join(dataDir, 'parent.mts');
    await writeFile(
      script,
      `import { startEmbeddedServers } from ${JSON.stringify(module)};\n` +
        `const servers = await startEmbeddedServers({ dataDir: ${JSON.stringify(join(dataDir, 'orphan'))} });\n` +
        'console.log(servers.pid);\nsetInterval(() => {}, 1000);\n'
    );
    const parent = spawn(process.execPath, ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [firstLine] = (await once(parent.stdout, 'data')) as [Buffer];
    const childPid = Number(firstLine.toString().trim());
    expect(isRunning(childPid)).toBe(true);

    // Act
    parent.kill('SIGKILL');

    // Assert
    expect(await waitUntilGone(childPid)).toBe(true);
  });

  it('refuses a data folder that running servers hold', async () => {
    // Prepare
    const holder = await startEmbeddedServers({ dataDir });

    // Act
    const contender = startEmbeddedServers({ dataDir });

    // Assert
    try {
      await expect(contender).rejects.toThrow(/is another process using it/);
    } finally {
      await holder.stop();
    }
  });
});

describe('the stand-ins', () => {
  let servers: EmbeddedServers;

  beforeAll(async () => {
    servers = await startEmbeddedServers({ dataDir: join(dataDir, 'guarded') });
    await ensureLocalTableAndBucket(createLocalAwsClients(servers), names);
  });

  afterAll(async () => {
    await servers.stop();
  });

  /** Clients with the session's key id and another secret. */
  const wrongSecret = () =>
    createLocalAwsClients({
      ...servers,
      credentials: { ...servers.credentials, secretAccessKey: 'not the secret of this session' },
    });

  it('serve the clients made with the session credentials', async () => {
    // Prepare
    const clients = createLocalAwsClients(servers);

    // Act
    const tables = await clients.dynamo.send(new ListTablesCommand({}));
    const listing = await clients.s3.send(new ListObjectsV2Command({ Bucket: names.bucket }));

    // Assess
    expect(tables.TableNames).toContain(names.tableName);
    expect(listing.$metadata.httpStatusCode).toBe(200);
  });

  it('answer 403 to unsigned requests', async () => {
    // Act
    const listing = await fetch(`${servers.s3Endpoint}/${names.bucket}`);
    const tables = await fetch(servers.dynamoEndpoint, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-amz-json-1.0',
        'X-Amz-Target': 'DynamoDB_20120810.ListTables',
      },
      body: '{}',
    });

    // Assess
    expect(listing.status).toBe(403);
    expect(await listing.text()).toContain('<Code>AccessDenied</Code>');
    expect(tables.status).toBe(403);
    expect(await tables.text()).toContain('MissingAuthenticationTokenException');
  });

  it('answer 403 to a client with a wrong secret', async () => {
    // Prepare
    const clients = wrongSecret();

    // Act
    const [listing, tables] = await Promise.allSettled([
      clients.s3.send(new ListObjectsV2Command({ Bucket: names.bucket })),
      clients.dynamo.send(new ListTablesCommand({})),
    ]);

    // Assess
    expect(listing).toMatchObject({
      status: 'rejected',
      reason: { name: 'SignatureDoesNotMatch', $metadata: { httpStatusCode: 403 } },
    });
    expect(tables).toMatchObject({
      status: 'rejected',
      reason: { name: 'InvalidSignatureException', $metadata: { httpStatusCode: 403 } },
    });
  });

  it('take presigned PUT and GET URLs made with the session credentials, not with others', async () => {
    // Prepare
    const right = createLocalAwsClients(servers).s3;
    const wrong = wrongSecret().s3;
    const object = { Bucket: names.bucket, Key: 'work/job 1/metrics+model.json' };
    const presign = (client: typeof right, command: PutObjectCommand | GetObjectCommand) =>
      getSignedUrl(client, command, { expiresIn: 60 });

    // Act
    const wrongPut = await fetch(await presign(wrong, new PutObjectCommand(object)), {
      method: 'PUT',
      body: 'forged',
    });
    const put = await fetch(await presign(right, new PutObjectCommand(object)), {
      method: 'PUT',
      body: '{"status":"ok"}',
    });
    const get = await fetch(await presign(right, new GetObjectCommand(object)));
    const wrongGet = await fetch(await presign(wrong, new GetObjectCommand(object)));

    // Assess
    expect(wrongPut.status).toBe(403);
    expect(put.status).toBe(200);
    expect(get.status).toBe(200);
    expect(await get.text()).toBe('{"status":"ok"}');
    expect(wrongGet.status).toBe(403);
  });

  it('listen on 127.0.0.1 only', async () => {
    // Prepare: 127.0.0.2 is loopback too; a server bound to every address would answer there.
    const elsewhere = (endpoint: string) => endpoint.replace('127.0.0.1', '127.0.0.2');

    // Act
    const s3 = fetch(elsewhere(servers.s3Endpoint));
    const dynamo = fetch(elsewhere(servers.dynamoEndpoint));

    // Assess
    expect(new URL(servers.s3Endpoint).hostname).toBe('127.0.0.1');
    expect(new URL(servers.dynamoEndpoint).hostname).toBe('127.0.0.1');
    await expect(s3).rejects.toThrow();
    await expect(dynamo).rejects.toThrow();
  });

  it('take fresh credentials each session and never show them on the command line', async () => {
    // Prepare
    const other = await startEmbeddedServers({ dataDir: join(dataDir, 'other') });
    try {
      const childCommandLine = execFileSync('ps', ['-o', 'args=', '-p', String(other.pid)], {
        encoding: 'utf8',
      });

      // Act
      const staleKey = createLocalAwsClients({ ...other, credentials: servers.credentials });
      const [listing] = await Promise.allSettled([staleKey.dynamo.send(new ListTablesCommand({}))]);

      // Assess
      expect(other.credentials.accessKeyId).not.toBe(servers.credentials.accessKeyId);
      expect(other.credentials.secretAccessKey).not.toBe(servers.credentials.secretAccessKey);
      expect(listing).toMatchObject({
        status: 'rejected',
        reason: { $metadata: { httpStatusCode: 403 } },
      });
      expect(childCommandLine).toContain('embeddedServersProcess');
      expect(childCommandLine).not.toContain(other.credentials.secretAccessKey);
      expect(childCommandLine).not.toContain(other.credentials.accessKeyId);
    } finally {
      await other.stop();
    }
  });
});

describe('ensureLocalTableAndBucket', () => {
  it('refuses a bucket name S3 would refuse', async () => {
    const clients = createLocalAwsClients({
      dynamoEndpoint: 'http://127.0.0.1:1',
      s3Endpoint: 'http://127.0.0.1:1',
      credentials: {
        accessKeyId: 'LOCALKEYFORTESTS',
        secretAccessKey: 'a secret that is never sent',
      },
    });

    await expect(
      ensureLocalTableAndBucket(clients, { tableName: 'runs', bucket: 'ab' })
    ).rejects.toThrow(/3 to 63/);
  });
});
