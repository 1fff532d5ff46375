import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDynamoRunRegistry,
  createS3ObjectStore,
} from '../../../shared/src/adapters/aws/index.js';
import { runConfigSchema } from '../../../shared/src/core/evolution/index.js';
import type { RunRecord } from '../../../shared/src/core/runs/index.js';
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

describe('ensureLocalTableAndBucket', () => {
  it('refuses a bucket name S3 would refuse', async () => {
    const clients = createLocalAwsClients({
      dynamoEndpoint: 'http://127.0.0.1:1',
      s3Endpoint: 'http://127.0.0.1:1',
    });

    await expect(
      ensureLocalTableAndBucket(clients, { tableName: 'runs', bucket: 'ab' })
    ).rejects.toThrow(/3 to 63/);
  });
});
