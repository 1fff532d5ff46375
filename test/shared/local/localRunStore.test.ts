import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runConfigSchema, startRunState } from '../../../shared/src/core/evolution/index.js';
import type { StoredProgram } from '../../../shared/src/engine/index.js';
import { InvalidArgumentError } from '../../../shared/src/errors.js';
import { createLocalRunStore } from '../../../shared/src/local/index.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'evolverec-store-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
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
    usd: 0,
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
    { kind: 'gpu', usd: 0, at: '2026-11-26T00:00:00.000Z', programId: 'g001-c00', seconds: 12 },
  ],
  files: { 'model.py': 'HPARAMS = {}\n' },
  exchanges: [],
  diffFromParent: '--- a/model.py\n+++ b/model.py\n',
};

describe('createLocalRunStore', () => {
  it('stores a program and reads back its outcome and files', async () => {
    // Prepare
    const store = createLocalRunStore(root);

    // Act
    await store.saveProgram('run-1', program);

    // Assert
    const { files, exchanges, diffFromParent, ...outcome } = program;
    expect(await store.loadOutcome('run-1', 'g001-c00')).toEqual(outcome);
    expect(await store.loadProgramFiles('run-1', 'g001-c00')).toEqual(files);
    expect(await store.loadOutcome('run-1', 'g001-c01')).toBeUndefined();
    const written = await readdir(join(root, 'run-1', 'programs', 'g001-c00'));
    expect(written.sort()).toEqual(['diff.patch', 'exchanges.json', 'files', 'outcome.json']);
  });

  it('round-trips run states and lists only runs that have one', async () => {
    // Prepare
    const store = createLocalRunStore(root);
    const state = startRunState(
      'run-2',
      runConfigSchema.parse({ strategy: 'nas', dataset: 'ml-100k' }),
      '2026-11-26T00:00:00.000Z'
    );
    await store.saveProgram('run-1', program);

    // Act
    await store.saveRunState(state);

    // Assert
    expect(await store.loadRunState('run-2')).toEqual(state);
    expect(await store.loadRunState('run-3')).toBeUndefined();
    expect(await store.listRunIds()).toEqual(['run-2']);
  });

  it.each(['../escape', 'a/b', '', '.hidden'])('refuses the id %j as a path', async (id) => {
    await expect(createLocalRunStore(root).loadOutcome(id, 'g001-c00')).rejects.toThrow(
      InvalidArgumentError
    );
  });
});
