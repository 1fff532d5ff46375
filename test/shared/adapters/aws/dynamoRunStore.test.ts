import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createCloudRunStore,
  createS3ObjectStore,
} from '../../../../shared/src/adapters/aws/index.js';
import type { RunState } from '../../../../shared/src/core/evolution/index.js';
import { runConfigSchema, startRunState } from '../../../../shared/src/core/evolution/index.js';
import type { ObjectStore, RunStore, StoredProgram } from '../../../../shared/src/engine/index.js';
import {
  FileMissingError,
  InvalidArgumentError,
  StaleStateError,
} from '../../../../shared/src/errors.js';
import { ensureLocalTableAndBucket } from '../../../../shared/src/local/embeddedServers.js';
import { useEmbeddedAws } from '../../../helpers/embeddedAws.js';

const bucket = 'evolverec-test';
const aws = useEmbeddedAws('cloud-store');
let tableName: string;
let objects: ObjectStore;
let store: RunStore;
let tables = 0;

// A table per test, so that listRunIds sees only that test's runs.
beforeEach(async () => {
  tables += 1;
  tableName = `runs-${tables}`;
  await ensureLocalTableAndBucket(aws.clients(), { tableName, bucket });
  objects = createS3ObjectStore({ client: aws.clients().s3, bucket });
  store = createCloudRunStore({ client: aws.clients().dynamo, tableName, objects });
});

const program: StoredProgram = {
  record: {
    id: 'g001-c00',
    generation: 1,
    island: 0,
    parentId: 'g000-seed',
    inspirationIds: [],
    status: 'ok',
    idea: 'raise dropout',
    metrics: { 'val_ndcg@10': 0.09 },
    features: { 'val_ndcg@10': 0.09, complexity: 400 },
    repairs: [],
    usd: 0.02,
    trainSeconds: 12,
    createdAt: '2026-11-26T00:00:00.000Z',
  },
  entry: {
    programId: 'g001-c00',
    island: 0,
    generation: 1,
    parentId: 'g000-seed',
    fitness: 0.09,
    features: { 'val_ndcg@10': 0.09, complexity: 400 },
    objectives: { accuracy: 0.09 },
  },
  ledger: [
    { kind: 'gpu', usd: 0.02, at: '2026-11-26T00:00:00.000Z', programId: 'g001-c00', seconds: 12 },
  ],
  files: { 'model.py': 'HPARAMS = {}\n', 'probes.js': 'export default [];\n' },
  exchanges: [],
  diffFromParent: '--- a/model.py\n+++ b/model.py\n',
};

const { files, exchanges, diffFromParent, ...outcome } = program;

function stateAt(runId: string, generation: number): RunState {
  const config = runConfigSchema.parse({ strategy: 'nas', dataset: 'ml-100k' });
  return { ...startRunState(runId, config, '2026-11-26T00:00:00.000Z'), generation };
}

async function programItems(runId: string) {
  const { Items } = await aws.clients().documents.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :program)',
      ExpressionAttributeValues: { ':pk': `RUN#${runId}`, ':program': 'PROGRAM#' },
    })
  );
  return Items ?? [];
}

describe('createCloudRunStore', () => {
  it('stores a program: objects in the bucket, its outcome in the item', async () => {
    // Act
    await store.saveProgram('run-1', program);

    // Assert
    expect(await store.loadOutcome('run-1', 'g001-c00')).toEqual(outcome);
    expect(await store.loadProgramFiles('run-1', 'g001-c00')).toEqual(files);
    expect(await store.loadOutcome('run-1', 'g001-c01')).toBeUndefined();
    expect(await objects.list('runs/run-1/programs/g001-c00/')).toEqual([
      'runs/run-1/programs/g001-c00/diff.patch',
      'runs/run-1/programs/g001-c00/exchanges.json',
      'runs/run-1/programs/g001-c00/files/model.py',
      'runs/run-1/programs/g001-c00/files/probes.js',
    ]);
    const [item] = await programItems('run-1');
    expect(item).toMatchObject({ sk: 'PROGRAM#g001-c00', status: 'ok', fitness: 0.09, usd: 0.02 });
  });

  it('keeps the first version of a program saved twice', async () => {
    // Prepare
    const retried: StoredProgram = {
      ...program,
      record: { ...program.record, idea: 'a different idea' },
      files: { 'model.py': 'HPARAMS = {"changed": 1}\n' },
    };
    await store.saveProgram('run-1', program);

    // Act
    await store.saveProgram('run-1', retried);

    // Assert
    expect(await programItems('run-1')).toHaveLength(1);
    expect(await store.loadOutcome('run-1', 'g001-c00')).toEqual(outcome);
    expect(await store.loadProgramFiles('run-1', 'g001-c00')).toEqual(files);
  });

  it('stores one item when two saves of a program race', async () => {
    // Act
    await Promise.all([store.saveProgram('run-1', program), store.saveProgram('run-1', program)]);

    // Assert
    expect(await programItems('run-1')).toHaveLength(1);
    expect(await store.loadOutcome('run-1', 'g001-c00')).toEqual(outcome);
  });

  it('never replaces a state with an older one', async () => {
    // Prepare
    await store.saveRunState(stateAt('run-1', 1));
    await store.saveRunState(stateAt('run-1', 3));

    // Act
    const replay = store.saveRunState(stateAt('run-1', 2));

    // Assert
    await expect(replay).rejects.toThrow(StaleStateError);
    expect(await store.loadRunState('run-1')).toEqual(stateAt('run-1', 3));
    const finished: RunState = { ...stateAt('run-1', 3), status: 'finished' };
    await store.saveRunState(finished);
    expect(await store.loadRunState('run-1')).toEqual(finished);
  });

  it('round-trips a state larger than a DynamoDB item as plain JSON', async () => {
    // Prepare
    const programs = Array.from({ length: 4000 }, (_, index) => ({
      id: `g${String(index).padStart(4, '0')}-c00-with-a-long-descriptive-suffix`,
      generation: index,
      island: index % 4,
      parentId: 'g000-seed',
      status: 'ok' as const,
      fitness: index / 4000,
    }));
    const state: RunState = { ...stateAt('run-big', 4000), programs };
    expect(JSON.stringify(state).length).toBeGreaterThan(400 * 1024);

    // Act
    await store.saveRunState(state);

    // Assert
    expect(await store.loadRunState('run-big')).toEqual(state);
  });

  it('lists the runs that have a state, sorted', async () => {
    // Prepare
    await store.saveRunState(stateAt('run-b', 0));
    await store.saveRunState(stateAt('run-a', 0));
    await store.saveProgram('run-c', program);

    // Act
    const runIds = await store.listRunIds();

    // Assert
    expect(runIds).toEqual(['run-a', 'run-b']);
    expect(await store.loadRunState('run-c')).toBeUndefined();
  });

  it('reports the files of a program never saved as missing', async () => {
    await expect(store.loadProgramFiles('run-1', 'g009-c00')).rejects.toThrow(FileMissingError);
  });

  it.each(['../escape', 'a/b', '', 'RUN#x'])('refuses the id %j', async (id) => {
    await expect(store.loadOutcome(id, 'g001-c00')).rejects.toThrow(InvalidArgumentError);
    await expect(store.loadOutcome('run-1', id)).rejects.toThrow(InvalidArgumentError);
  });

  it("stores a step's usage once per request id and lists one run's usage only", async () => {
    // Prepare
    const usage = {
      runId: 'run-u',
      state: 'Judge',
      programId: 'g001-c00',
      requestId: 'req-1',
      seconds: 2.5,
      memoryMb: 3008,
      at: '2026-01-01T00:00:00.000Z',
    };

    // Act: the same invocation seen twice (a redelivery), another one, another run's.
    await store.recordStepUsage(usage);
    await store.recordStepUsage({ ...usage, seconds: 99 });
    await store.recordStepUsage({ ...usage, requestId: 'req-2', state: 'Record', seconds: 0.5 });
    await store.recordStepUsage({ ...usage, runId: 'run-v', requestId: 'req-3' });

    // Assert
    const listed = await store.listStepUsage('run-u');
    expect(listed.map((entry) => [entry.requestId, entry.seconds]).sort()).toEqual([
      ['req-1', 2.5],
      ['req-2', 0.5],
    ]);
    expect(await store.listStepUsage('run-w')).toEqual([]);
  });
});
