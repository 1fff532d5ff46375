import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScoringModel } from '../../../shared/src/adapters/index.js';
import { topK } from '../../../shared/src/core/ranking/index.js';
import { repoRoot, resolvePython } from '../../../shared/src/local/index.js';

const USERS = 200;
const dataDir = resolve(process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));

async function trainer(...args: string[]): Promise<void> {
  await promisify(execFile)(resolvePython(process.env), ['-m', 'evolverec_trainer', ...args], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** The seed SASRec trained one epoch on ml-100k, and real users' histories (training part). */
describe('ONNX scoring of the seed program against PyTorch', () => {
  let work: string;
  let histories: number[][];
  let reference: number[][];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'evolverec-parity-'));
    const view = join(work, 'view');
    await trainer('prepare', '--dataset', 'ml-100k', '--data-dir', dataDir, '--out', view);
    await trainer(
      'run',
      ...['--program', join(repoRoot, 'programs', 'sasrec'), '--data', view],
      ...['--out', join(work, 'out'), '--max-epochs', '1', '--device', 'cpu']
    );
    const splits = await readFile(join(view, 'splits.tsv'), 'utf8');
    histories = splits
      .split('\n')
      .slice(0, USERS)
      .map((line) => (line.split('\t')[0] ?? '').split(' ').map(Number));
    await writeFile(join(work, 'histories.json'), JSON.stringify({ histories }));
    await trainer(
      'score',
      ...['--program', join(repoRoot, 'programs', 'sasrec')],
      ...['--checkpoint', join(work, 'out', 'checkpoint.pt'), '--num-items', '1682'],
      ...['--histories', join(work, 'histories.json'), '--out', join(work, 'scores.json')]
    );
    reference = JSON.parse(await readFile(join(work, 'scores.json'), 'utf8')).scores;
  });

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it('gives the same scores and the same top-10 for real users', async () => {
    // Prepare
    const model = await loadScoringModel(join(work, 'out'));

    // Act
    const result = await model.score(histories, { k: 10, includeScores: true });
    await model.close();

    // Assess: some histories are longer than maxLen (200), so windowing is exercised too.
    expect(Math.max(...histories.map((h) => h.length))).toBeGreaterThan(200);
    let maxDifference = 0;
    result.users.forEach((user, index) => {
      const expected = reference[index] ?? [];
      const row = user.scoreRow ?? new Float32Array();
      expect(row).toHaveLength(1682);
      row.forEach((score, column) => {
        maxDifference = Math.max(maxDifference, Math.abs(score - (expected[column] ?? Number.NaN)));
      });
      const expectedTop = topK(expected, 10, new Set(histories[index])).items;
      expect(user.items).toEqual(expectedTop);
    });
    expect(maxDifference).toBeLessThan(1e-4);
  });
});
