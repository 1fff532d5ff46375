import type { InferenceSession } from 'onnxruntime-node';
import { Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { createOnnxScoringModel } from '../../../shared/src/adapters/onnx.js';
import type { ModelManifest } from '../../../shared/src/core/ranking/index.js';

const NUM_ITEMS = 10;
const MAX_LEN = 6;

const manifest: ModelManifest = {
  format: 1,
  input: 'item_seq',
  maxLen: MAX_LEN,
  numItems: NUM_ITEMS,
  scores: 'scores',
  taps: ['seq_repr'],
};

/**
 * A graph stand-in that records every window it is given and scores best the item whose id is
 * the number of items present in the row, so each history's top item says which row it was.
 */
function fakeGraph(window: 'window' | number) {
  const windows: number[] = [];
  const session = {
    inputNames: ['item_seq'],
    outputNames: ['scores', 'seq_repr'],
    inputMetadata: [{ name: 'item_seq', isTensor: true, type: 'int64', shape: ['batch', window] }],
    outputMetadata: [
      { name: 'scores', isTensor: true, type: 'float32', shape: ['batch', NUM_ITEMS] },
      { name: 'seq_repr', isTensor: true, type: 'float32', shape: ['batch', 2] },
    ],
    async run(feeds: Record<string, Tensor>, fetches: readonly string[]) {
      const input = feeds.item_seq as Tensor;
      const [rows = 0, width = 0] = input.dims;
      windows.push(width);
      const data = input.data as BigInt64Array;
      const scores = new Float32Array(rows * NUM_ITEMS);
      for (let row = 0; row < rows; row += 1) {
        const present = data.slice(row * width, (row + 1) * width).filter((id) => id !== 0n).length;
        scores[row * NUM_ITEMS + present - 1] = 1;
      }
      const outputs: Record<string, Tensor> = {
        scores: new Tensor('float32', scores, [rows, NUM_ITEMS]),
      };
      if (fetches.includes('seq_repr')) {
        outputs.seq_repr = new Tensor('float32', new Float32Array(rows * 2), [rows, 2]);
      }
      return outputs;
    },
    async release() {},
  };
  return { session: session as unknown as InferenceSession, windows };
}

/** Histories of 5, 1, 3, 2 and 8 items (the last longer than the window). */
const histories = [[1, 2, 3, 4, 5], [7], [2, 4, 6], [9, 10], [1, 2, 3, 4, 5, 6, 7, 8]];

describe('ONNX scoring in windows cut to the longest history', () => {
  it('sorts the histories by length, cuts each batch to its longest, and answers in order', async () => {
    // Prepare
    const { session, windows } = fakeGraph('window');
    const model = createOnnxScoringModel(session, manifest, { batchSize: 2 });

    // Act
    const result = await model.score(histories, { k: 1, excludeSeen: false });

    // Assess: batches [1, 2], [3, 5], [8 → 6]; each history gets the item of its own length.
    expect(windows).toEqual([2, 5, 6]);
    expect(result.users.map((user) => user.items[0])).toEqual([5, 1, 3, 2, 6]);
  });

  it('keeps the full window for a graph whose window is fixed', async () => {
    // Prepare
    const { session, windows } = fakeGraph(MAX_LEN);
    const model = createOnnxScoringModel(session, manifest, { batchSize: 2 });

    // Act
    const result = await model.score(histories, { k: 1, excludeSeen: false });

    // Assess
    expect(windows).toEqual([MAX_LEN, MAX_LEN, MAX_LEN]);
    expect(result.users.map((user) => user.items[0])).toEqual([5, 1, 3, 2, 6]);
  });

  it('keeps the full window and the order when a tap with a batch axis is asked for', async () => {
    // Prepare
    const { session, windows } = fakeGraph('window');
    const model = createOnnxScoringModel(session, manifest, { batchSize: 2 });

    // Act
    const result = await model.score(histories, { k: 1, excludeSeen: false, taps: ['seq_repr'] });

    // Assess: the tap's rows stay the callers' rows
    expect(windows).toEqual([MAX_LEN, MAX_LEN, MAX_LEN]);
    expect(result.taps.seq_repr?.dims).toEqual([5, 2]);
    expect(result.users.map((user) => user.items[0])).toEqual([5, 1, 3, 2, 6]);
  });
});
