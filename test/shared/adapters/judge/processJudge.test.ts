import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJudgeProcess } from '../../../../shared/src/adapters/judge/index.js';
import { rankingMetrics, targetRank } from '../../../../shared/src/core/judging/index.js';
import type { TinyModel } from '../../../helpers/tinyOnnxModel.js';
import { exportTinyModel } from '../../../helpers/tinyOnnxModel.js';

const LIMITS = { timeLimitSeconds: 60, memoryLimitMb: 2048 };
const MAX_MODEL_BYTES = 2 ** 20;

let tiny: TinyModel;
let work: string;
let viewDir: string;

/**
 * A judge view over the tiny model's 12 items: each reference history is a user's training
 * items; the even users are held out, every user's test target follows its validation target.
 */
async function writeJudgeView(dir: string, histories: readonly number[][]): Promise<void> {
  const lines = histories.map((history, user) => {
    const valid = (user % 12) + 1;
    const test = ((user + 5) % 12) + 1;
    return `${history.join(' ')}\t${valid}\t${test}\t${user % 2 === 0 ? 'held-out' : 'tuning'}`;
  });
  await writeFile(join(dir, 'splits.tsv'), `${lines.join('\n')}\n`);
  await writeFile(join(dir, 'items.tsv'), 'item_id\ttitle\tgenres\n');
  await writeFile(
    join(dir, 'dataset.json'),
    JSON.stringify({
      format: 2,
      name: 'tiny',
      view: 'judge',
      users: histories.length,
      items: 12,
      interactions: 0,
    })
  );
}

beforeAll(async () => {
  tiny = await exportTinyModel();
  work = await mkdtemp(join(tmpdir(), 'evolverec-judge-'));
  viewDir = join(work, 'view');
  const { mkdir } = await import('node:fs/promises');
  await mkdir(viewDir);
  await writeJudgeView(viewDir, tiny.reference.histories);
});

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
  await rm(tiny.dir, { recursive: true, force: true });
});

describe('runJudgeProcess', () => {
  it("gives the protocol's figures of the model's own scores, held-out users of record", async () => {
    // Prepare: the expected ranks, from PyTorch's reference scores by the same rule.
    const { histories, scores } = tiny.reference;
    const expected = (users: number[], target: (user: number) => number, prefix: string) =>
      rankingMetrics(
        users.map(
          (user) =>
            targetRank(
              Float32Array.from(scores[user] ?? []),
              target(user),
              new Set(histories[user])
            ) ?? -1
        ),
        prefix
      );
    const heldOut = histories.map((_, user) => user).filter((user) => user % 2 === 0);
    const tuning = histories.map((_, user) => user).filter((user) => user % 2 === 1);

    // Act
    const verdict = await runJudgeProcess(
      {
        modelDir: tiny.dir,
        viewDir,
        split: 'val',
        jobMetrics: { 'val_ndcg@10': 0.5 },
        maxModelBytes: MAX_MODEL_BYTES,
      },
      LIMITS
    );

    // Assess
    expect(verdict.status).toBe('ok');
    if (verdict.status !== 'ok') return;
    expect(verdict.users).toBe(heldOut.length);
    const validOf = (user: number) => (user % 12) + 1;
    for (const [name, value] of Object.entries(expected(heldOut, validOf, 'val'))) {
      expect(verdict.metrics[name], name).toBeCloseTo(value, 4);
    }
    expect(verdict.tuning?.users).toBe(tuning.length);
    const tuningNdcg = expected(tuning, validOf, 'val')['val_ndcg@10'] ?? Number.NaN;
    expect(verdict.tuning?.metrics['val_ndcg@10']).toBeCloseTo(tuningNdcg, 4);
    expect(verdict.agreement).toMatchObject({
      job: 0.5,
      agrees: Math.abs(0.5 - tuningNdcg) <= 0.005,
    });
  });

  it('scores test on every user, the validation item in the history', async () => {
    // Act
    const verdict = await runJudgeProcess(
      { modelDir: tiny.dir, viewDir, split: 'test', maxModelBytes: MAX_MODEL_BYTES },
      LIMITS
    );

    // Assess
    expect(verdict).toMatchObject({ status: 'ok', split: 'test', users: 4 });
    expect(Object.keys(verdict.status === 'ok' ? verdict.metrics : {})).toContain('test_ndcg@10');
  });

  it('fails a model past its time limit as a timeout, and the judge process with it', async () => {
    // Act
    const started = performance.now();
    const verdict = await runJudgeProcess(
      { modelDir: tiny.dir, viewDir, split: 'val', maxModelBytes: MAX_MODEL_BYTES },
      { ...LIMITS, timeLimitSeconds: 0.05 }
    );

    // Assess
    expect(verdict).toMatchObject({ status: 'failed', error: { kind: 'timeout' } });
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('fails a judge process past its memory limit as memory', async () => {
    // Act: no Node process lives in 16 MB.
    const verdict = await runJudgeProcess(
      { modelDir: tiny.dir, viewDir, split: 'val', maxModelBytes: MAX_MODEL_BYTES },
      { ...LIMITS, memoryLimitMb: 16 }
    );

    // Assess
    expect(verdict).toMatchObject({ status: 'failed', error: { kind: 'memory' } });
  });

  it('refuses a model file over the size limit before opening it', async () => {
    // Act
    const verdict = await runJudgeProcess(
      { modelDir: tiny.dir, viewDir, split: 'val', maxModelBytes: 100 },
      LIMITS
    );

    // Assess
    expect(verdict).toMatchObject({
      status: 'failed',
      error: { kind: 'memory', message: expect.stringMatching(/over the judge's limit/) },
    });
  });

  it('fails an export that is not an ONNX graph, or that is missing', async () => {
    // Prepare
    const broken = join(work, 'broken');
    const { mkdir } = await import('node:fs/promises');
    await mkdir(broken);
    await copyFile(join(tiny.dir, 'model.json'), join(broken, 'model.json'));
    const empty = join(work, 'empty');
    await mkdir(empty);
    await writeFile(join(broken, 'model.onnx'), 'forged: not a graph');
    const request = { viewDir, split: 'val' as const, maxModelBytes: MAX_MODEL_BYTES };

    // Act
    const forged = await runJudgeProcess({ ...request, modelDir: broken }, LIMITS);
    const missing = await runJudgeProcess({ ...request, modelDir: empty }, LIMITS);

    // Assess
    expect(forged).toMatchObject({
      status: 'failed',
      error: { kind: 'export', message: expect.stringMatching(/cannot be scored/) },
    });
    expect(missing).toMatchObject({
      status: 'failed',
      error: { kind: 'export', message: 'the job left no model.onnx' },
    });
  });
});
