import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll } from 'vitest';
import { loadScoringModel } from '../../shared/src/adapters/index.js';
import type { ScoringModel } from '../../shared/src/core/ranking/index.js';
import { resolvePython } from '../../shared/src/local/index.js';

/** PyTorch's score rows for the histories the fixture exports with, row i for history i. */
interface TinyModelReference {
  readonly histories: number[][];
  readonly scores: number[][];
}

interface TinyModel {
  readonly dir: string;
  readonly reference: TinyModelReference;
}

const exportScript = join(import.meta.dirname, '..', 'fixtures', 'onnx', 'export_tiny_model.py');

/**
 * Exports the tiny fixture model (12 items, maxLen 5, taps seq_repr and item_embeddings) into a
 * fresh temp dir with the same Python the CLI uses; generated models are never committed.
 */
async function exportTinyModel(): Promise<TinyModel> {
  const dir = await mkdtemp(join(tmpdir(), 'evolverec-onnx-'));
  await promisify(execFile)(resolvePython(process.env), ['-W', 'ignore', exportScript, dir]);
  const reference = JSON.parse(await readFile(join(dir, 'reference.json'), 'utf8'));
  return { dir, reference };
}

/**
 * The tiny model exported and opened once for the enclosing suite, closed and removed after it;
 * read `model()` and `tiny()` inside tests.
 */
function useTinyScoringModel(): {
  readonly model: () => ScoringModel;
  readonly tiny: () => TinyModel;
} {
  let tiny: TinyModel | undefined;
  let model: ScoringModel | undefined;
  beforeAll(async () => {
    tiny = await exportTinyModel();
    model = await loadScoringModel(tiny.dir);
  });
  afterAll(async () => {
    await model?.close();
    if (tiny) await rm(tiny.dir, { recursive: true, force: true });
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the tiny model is not exported yet');
    return value;
  };
  return { model: () => ready(model), tiny: () => ready(tiny) };
}

export type { TinyModel, TinyModelReference };
export { exportTinyModel, useTinyScoringModel };
