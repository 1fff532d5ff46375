import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScoringModel } from '../../../shared/src/adapters/index.js';
import {
  ContractViolationError,
  FileMissingError,
  ItemOutOfRangeError,
  ModelMismatchError,
} from '../../../shared/src/errors.js';
import { useTinyScoringModel } from '../../helpers/tinyOnnxModel.js';

describe('ONNX scoring model', () => {
  const tinyModel = useTinyScoringModel();

  /** A copy of the fixture model whose manifest is replaced. */
  async function withManifest(manifest: unknown): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'evolverec-onnx-manifest-'));
    await copyFile(join(tinyModel.tiny().dir, 'model.onnx'), join(dir, 'model.onnx'));
    await writeFile(join(dir, 'model.json'), JSON.stringify(manifest));
    return dir;
  }

  it('matches PyTorch score rows for the same histories', async () => {
    // Prepare
    const { histories, scores } = tinyModel.tiny().reference;

    // Act
    const result = await tinyModel.model().score(histories, { k: 5, includeScores: true });

    // Assess
    result.users.forEach((user, index) => {
      const expected = scores[index] ?? [];
      const row = Array.from(user.scoreRow ?? []);
      const maxDifference = Math.max(
        ...row.map((score, column) => Math.abs(score - (expected[column] ?? Number.NaN)))
      );
      expect(row).toHaveLength(12);
      expect(maxDifference).toBeLessThan(1e-5);
    });
  });

  it('returns the top k of each history without its seen items, best first', async () => {
    // Prepare
    const { histories, scores } = tinyModel.tiny().reference;

    // Act
    const result = await tinyModel.model().score(histories, { k: 3 });

    // Assess
    result.users.forEach((user, index) => {
      const seen = new Set(histories[index]);
      const expected = (scores[index] ?? [])
        .map((score, column) => ({ score, item: column + 1 }))
        .filter(({ item }) => !seen.has(item))
        .sort((a, b) => b.score - a.score)
        .slice(0, 3)
        .map(({ item }) => item);
      expect(user.items).toEqual(expected);
      expect(user.scores).toEqual([...user.scores].sort((a, b) => b - a));
    });
  });

  it('ranks seen items too when excludeSeen is false', async () => {
    // Prepare
    const history = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

    // Act
    const result = await tinyModel.model().score([history], { k: 12, excludeSeen: false });

    // Assess
    expect([...(result.users[0]?.items ?? [])].sort((a, b) => a - b)).toEqual(history);
  });

  it('returns the same rankings and stacked taps when it scores in small batches', async () => {
    // Prepare: 7 histories in batches of 3 → runs of 3, 3 and 1
    const histories = Array.from({ length: 7 }, (_, user) => [1 + user, 12 - user, 5]);
    const batched = await loadScoringModel(tinyModel.tiny().dir, { batchSize: 3 });
    const taps = ['seq_repr', 'item_embeddings'];

    // Act
    const whole = await tinyModel.model().score(histories, { k: 4, taps });
    const split = await batched.score(histories, { k: 4, taps });
    await batched.close();

    // Assess
    expect(split.users).toEqual(whole.users);
    expect(split.taps.seq_repr?.dims).toEqual([7, 4]);
    expect(split.taps.item_embeddings?.dims).toEqual([13, 4]);
    expect(Array.from(split.taps.seq_repr?.data ?? [])).toEqual(
      Array.from(whole.taps.seq_repr?.data ?? [])
    );
  });

  it('keeps the name of a tap that is only a weight', async () => {
    // Prepare / Act
    const result = await tinyModel.model().score([[1]], { k: 1, taps: ['item_embeddings'] });

    // Assess: row 0 is the padding embedding, zeros by construction
    const embeddings = result.taps.item_embeddings;
    expect(embeddings?.dims).toEqual([13, 4]);
    expect(Array.from(embeddings?.data.subarray(0, 4) ?? [])).toEqual([0, 0, 0, 0]);
  });

  it('throws ItemOutOfRangeError when a history holds an id past numItems', async () => {
    // Prepare / Act
    const act = tinyModel.model().score([[1], [13]], { k: 1 });

    // Assess
    await expect(act).rejects.toThrow(ItemOutOfRangeError);
  });

  it('throws FileMissingError naming model.json when the directory has no manifest', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'evolverec-onnx-empty-'));

    // Act
    const act = loadScoringModel(dir);

    // Assess
    await expect(act).rejects.toThrow(FileMissingError);
    await expect(act).rejects.toThrow(`model manifest not found: ${join(dir, 'model.json')}`);
    await rm(dir, { recursive: true });
  });

  it('throws FileMissingError naming model.onnx when only the manifest is there', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'evolverec-onnx-nomodel-'));
    await copyFile(join(tinyModel.tiny().dir, 'model.json'), join(dir, 'model.json'));

    // Act
    const act = loadScoringModel(dir);

    // Assess
    await expect(act).rejects.toThrow(`ONNX model not found: ${join(dir, 'model.onnx')}`);
    await rm(dir, { recursive: true });
  });

  it('throws ModelMismatchError naming the tap when the graph lacks a declared tap', async () => {
    // Prepare
    const dir = await withManifest({
      format: 1,
      input: 'item_seq',
      maxLen: 5,
      numItems: 12,
      scores: 'scores',
      taps: ['seq_repr', 'attention'],
    });

    // Act
    const act = loadScoringModel(dir);

    // Assess
    await expect(act).rejects.toThrow(ModelMismatchError);
    await expect(act).rejects.toThrow(/outputs attention named in the manifest/);
    await rm(dir, { recursive: true });
  });

  it('throws ModelMismatchError when the manifest counts other items than the graph scores', async () => {
    // Prepare
    const dir = await withManifest({
      format: 1,
      input: 'item_seq',
      maxLen: 5,
      numItems: 20,
      scores: 'scores',
      taps: [],
    });
    const wrong = await loadScoringModel(dir);

    // Act
    const act = wrong.score([[1]], { k: 1 });

    // Assess
    await expect(act).rejects.toThrow(ModelMismatchError);
    await expect(act).rejects.toThrow("output 'scores' has dims [1, 12], expected [1, 20, …]");
    await wrong.close();
    await rm(dir, { recursive: true });
  });

  it('throws ContractViolationError when the manifest has an unknown key', async () => {
    // Prepare
    const dir = await withManifest({ ...tinyModel.model().manifest, opset: 20 });

    // Act
    const act = loadScoringModel(dir);

    // Assess
    await expect(act).rejects.toThrow(ContractViolationError);
    await rm(dir, { recursive: true });
  });
});
