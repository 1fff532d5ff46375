import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTrainerProcess } from '../../../shared/src/adapters/index.js';
import { runJudgeProcess } from '../../../shared/src/adapters/judge/index.js';
import { judgeSettingsSchema } from '../../../shared/src/core/evolution/index.js';
import type { EvaluationOfRecord } from '../../../shared/src/core/judging/index.js';
import { judgeCases, rankingMetrics, targetRank } from '../../../shared/src/core/judging/index.js';
import {
  evaluateProgram,
  preparedViewLocation,
  readPreparedView,
  repoRoot,
  resolvePython,
} from '../../../shared/src/local/index.js';
import { type AttackName, attackProgram } from '../../helpers/attackPrograms.js';

const dataDir = resolve(process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));
/** Twenty epochs of the small seed take about a minute on two CPU cores. */
const TIMEOUT_MS = 600_000;

let work: string;
let seed: string;
const stateDir = () => join(work, 'state');

/** Trains the seed made small (and hostile when `attack` is given) through the harness and the judge. */
async function evaluate(
  name: string,
  attack: AttackName | undefined,
  epochs: number
): Promise<{
  readonly evaluation: EvaluationOfRecord;
  readonly log: string;
  readonly outDir: string;
}> {
  const program = join(work, `program-${name}`);
  await mkdir(program, { recursive: true });
  await writeFile(join(program, 'model.py'), attackProgram(seed, attack));
  const outDir = join(work, `out-${name}`);
  let log = '';
  const progress = new PassThrough();
  progress.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const trainer = createTrainerProcess({
    python: resolvePython(process.env),
    progress,
    cwd: repoRoot,
  });
  const evaluation = await evaluateProgram(
    {
      program,
      dataset: 'ml-100k',
      dataDir,
      outDir,
      stateDir: stateDir(),
      evaluateTest: true,
      maxEpochs: epochs,
      judge: judgeSettingsSchema.parse({}),
      report: () => undefined,
    },
    trainer,
    runJudgeProcess
  );
  return { evaluation, log, outDir };
}

const ndcg = (evaluation: EvaluationOfRecord, split: 'val' | 'test') =>
  evaluation.metrics[`${split}_ndcg@10`] ?? Number.NaN;

/**
 * Each attack is a program written from the seed that tries to buy fitness; each must end as
 * floor-level fitness, the fitness of the honest model it really is, or a failed candidate with
 * a clear kind: never a high score. The figures are the judge's, from model.onnx, on held-out
 * users whose validation items no job received.
 */
describe('attacks on the judge, through the harness and the judge', () => {
  let honest: EvaluationOfRecord;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'evolverec-attacks-'));
    seed = await readFile(join(repoRoot, 'programs', 'sasrec', 'model.py'), 'utf8');
    ({ evaluation: honest } = await evaluate('honest', undefined, 20));
  }, TIMEOUT_MS);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('an honest program: the job and the judge agree on its tuning users', () => {
    expect(honest.status).toBe('ok');
    expect(honest.judge.val?.status === 'ok' && honest.judge.val.agreement?.agrees).toBe(true);
    expect(ndcg(honest, 'val')).toBeGreaterThan(0.02);
  });

  it('constant scores earn exactly nothing', { timeout: TIMEOUT_MS }, async () => {
    // Act
    const { evaluation } = await evaluate('constant', 'constantScores', 1);

    // Assess
    expect(evaluation.status).toBe('ok');
    expect(ndcg(evaluation, 'val')).toBe(0);
    expect(ndcg(evaluation, 'test')).toBe(0);
  });

  it('scores of the item id alone land at MostPop, below the honest model', {
    timeout: TIMEOUT_MS,
  }, async () => {
    // Prepare: MostPop by the judge's own rule, from the training counts of the judge view.
    const { dir } = await preparedViewLocation({
      dataset: 'ml-100k',
      dataDir,
      stateDir: stateDir(),
      view: 'judge',
    });
    const view = await readPreparedView(dir);
    const popularity = Float32Array.from(view.catalog.popularity.subarray(1));
    const { record } = judgeCases(view, 'val');
    const mostPop = rankingMetrics(
      record.histories.map(
        (history, user) => targetRank(popularity, record.targets[user] ?? 0, new Set(history)) ?? -1
      ),
      'val'
    )['val_ndcg@10'] as number;

    // Act
    const { evaluation } = await evaluate('item-id', 'itemIdOnly', 5);

    // Assess
    expect(evaluation.status).toBe('ok');
    expect(Math.abs(ndcg(evaluation, 'val') - mostPop)).toBeLessThan(0.01);
    expect(ndcg(evaluation, 'val')).toBeLessThan(ndcg(honest, 'val'));
  });

  it("rewriting the harness's ranking from inside buys the job's figure, not the judge's", {
    timeout: TIMEOUT_MS,
  }, async () => {
    // Act
    const { evaluation } = await evaluate('rewrite', 'harnessRewrite', 1);

    // Assess
    expect(evaluation.job.metrics['val_ndcg@10']).toBe(1);
    expect(evaluation.status).toBe('ok');
    expect(ndcg(evaluation, 'val')).toBeLessThan(ndcg(honest, 'val') + 0.02);
    expect(evaluation.judge.val).toMatchObject({ agreement: { job: 1, agrees: false } });
  });

  it('a forged worker report and metrics.json leave no model, so the judge fails it', {
    timeout: TIMEOUT_MS,
  }, async () => {
    // Act
    const { evaluation } = await evaluate('forged', 'forgedResult', 1);

    // Assess: the job believed the forgery; the judge found nothing to score.
    expect(evaluation.job.metrics['val_ndcg@10']).toBe(1);
    expect(evaluation.status).toBe('failed');
    expect(evaluation.failure).toEqual({
      stage: 'judge',
      kind: 'export',
      message: 'the job left no model.onnx',
    });
    expect(evaluation.metrics).toEqual({});
  });

  it('an export that differs from the trained model is scored as exported', {
    timeout: TIMEOUT_MS,
  }, async () => {
    // Act
    const { evaluation } = await evaluate('export', 'exportDiffers', 3);

    // Assess: PyTorch ranked well enough for the job; the ONNX graph Node serves scores nothing.
    expect(evaluation.job.metrics['val_ndcg@10']).toBeGreaterThan(0);
    expect(evaluation.status).toBe('ok');
    expect(ndcg(evaluation, 'val')).toBe(0);
    expect(evaluation.judge.val).toMatchObject({ agreement: { agrees: false } });
  });

  it('finds no held-out or test item anywhere on disk, in argv, the config or the environment', {
    timeout: TIMEOUT_MS,
  }, async () => {
    // Act
    const { evaluation, log } = await evaluate('search', 'testSplitSearch', 1);

    // Assess
    const found = /ATTACK found: (.*)/.exec(log)?.[1];
    expect(found).toBe('[]');
    expect(evaluation.status).toBe('ok');
    expect(ndcg(evaluation, 'test')).toBeLessThan(ndcg(honest, 'test') + 0.02);
  });
});
