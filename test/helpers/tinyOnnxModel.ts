import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
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

export type { TinyModel, TinyModelReference };
export { exportTinyModel };
