import { describe, expect, it } from 'vitest';
import type { ItemCatalog } from '../../shared/src/core/dataset/index.js';
import type {
  History,
  ScoreOptions,
  ScoringModel,
  ScoringResult,
} from '../../shared/src/core/ranking/index.js';
import { rankScoreRows, resolveScoreOptions } from '../../shared/src/core/ranking/index.js';
import { diagnoseModel } from '../../shared/src/engine/diagnoseModel.js';
import { InvalidArgumentError } from '../../shared/src/errors.js';
import { useTinyScoringModel } from '../helpers/tinyOnnxModel.js';

const NUM_ITEMS = 12;

/** Items 1..12: odd ids are Drama, even ids Comedy; item 1 is the most popular. */
const catalog: ItemCatalog = {
  numItems: NUM_ITEMS,
  items: [
    { title: '', genres: [] },
    ...Array.from({ length: NUM_ITEMS }, (_, index) => ({
      title: `Film ${index + 1}`,
      genres: [index % 2 === 0 ? 'Drama' : 'Comedy'],
    })),
  ],
  popularity: Uint32Array.from([0, ...Array.from({ length: NUM_ITEMS }, (_, i) => NUM_ITEMS - i)]),
};

const users = [
  { history: [3], valid: 4 },
  { history: [1, 2, 3, 4, 5, 6, 7, 8], valid: 9 },
  { history: [12, 11, 7], valid: 1 },
  { history: [5, 9], valid: null },
];

/**
 * A model that ignores the history: item j always scores −j, so item 1 ranks first for everyone,
 * and every user's seq_repr is the same vector. It records each score() call it answers.
 */
function historyBlindModel(): ScoringModel & {
  calls: { histories: readonly History[]; options: ScoreOptions }[];
} {
  const manifest = {
    format: 1 as const,
    input: 'item_seq',
    maxLen: 5,
    numItems: NUM_ITEMS,
    scores: 'scores',
    taps: ['seq_repr'],
  };
  const calls: { histories: readonly History[]; options: ScoreOptions }[] = [];
  return {
    manifest,
    calls,
    score: async (histories, options): Promise<ScoringResult> => {
      calls.push({ histories, options });
      const request = resolveScoreOptions(options, manifest);
      const row = Float32Array.from({ length: NUM_ITEMS }, (_, column) => -(column + 1));
      const scores = new Float32Array(histories.length * NUM_ITEMS);
      for (let user = 0; user < histories.length; user += 1) scores.set(row, user * NUM_ITEMS);
      const seqRepr = new Float32Array(histories.length * 2).fill(1);
      return {
        users: rankScoreRows(scores, histories, { ...request, numItems: NUM_ITEMS }),
        taps: request.taps.includes('seq_repr')
          ? { seq_repr: { dims: [histories.length, 2], data: seqRepr } }
          : {},
      };
    },
    close: async () => undefined,
  };
}

describe('diagnoseModel', () => {
  it('scores twice: the histories with taps and rows, then all perturbations in one batch', async () => {
    // Prepare
    const model = historyBlindModel();

    // Act
    await diagnoseModel(model, catalog, users, { k: 3 });

    // Assert
    expect(model.calls).toHaveLength(2);
    const [originals, perturbations] = model.calls;
    expect(originals?.options).toEqual({ k: 10, taps: ['seq_repr'], includeScores: true });
    expect(originals?.histories).toEqual(users.map((user) => user.history));
    expect(perturbations?.options).toEqual({ k: 4 });
    expect(perturbations?.histories).toHaveLength(3 * users.length);
    expect(perturbations?.histories.slice(0, 2)).toEqual([[], [1, 2, 3, 4, 5, 6, 7]]);
    expect(perturbations?.histories[4 + 1]).toEqual([1, 2, 3, 4, 5, 6, 8, 7]);
    expect(perturbations?.histories[8 + 1]).toEqual([1, 2, 3, 8, 7, 6, 5, 4]);
  });

  it('finds a history-blind model insensitive to order, repetitive and collapsed', async () => {
    // Prepare
    const model = historyBlindModel();

    // Act
    const { figures } = await diagnoseModel(model, catalog, users, { k: 3 });

    // Assert
    expect(figures).toMatchObject({
      overlap_mask_last: 1,
      overlap_swap_last_two: 1,
      overlap_reverse: 1,
      seq_repr_effective_rank: expect.closeTo(1, 6),
      seq_repr_mean_cosine: expect.closeTo(1, 6),
    });
    // Unfiltered, items 1..3 top every list: user 2 has seen all three, user 1 one of them.
    expect(figures.repetition_share).toBeCloseTo(4 / 12, 12);
  });

  it('rejects a k outside 1..numItems', async () => {
    // Prepare
    const model = historyBlindModel();

    // Act
    const act = diagnoseModel(model, catalog, users, { k: NUM_ITEMS + 1 });

    // Assert
    await expect(act).rejects.toThrow('k must be an integer in 1..12, got 13');
  });

  it('rejects a catalogue of another size than the model scores', async () => {
    // Prepare
    const model = historyBlindModel();
    const other = { ...catalog, numItems: NUM_ITEMS + 1 };

    // Act
    const act = diagnoseModel(model, other, users);

    // Assert
    await expect(act).rejects.toThrow(InvalidArgumentError);
  });
});

describe('diagnoseModel on an ONNX model', () => {
  const tinyModel = useTinyScoringModel();

  it('gives finite, defined figures, the same twice, and returns the scoring for reuse', async () => {
    // Prepare
    const options = { k: 5 };

    // Act
    const first = await diagnoseModel(tinyModel.model(), catalog, users, options);
    const second = await diagnoseModel(tinyModel.model(), catalog, users, options);

    // Assert
    expect(Object.values(first.figures).every(Number.isFinite)).toBe(true);
    expect(Object.keys(first.definitions)).toEqual(Object.keys(first.figures));
    expect(first.figures).toHaveProperty('item_embeddings_effective_rank');
    expect(first.figures).toHaveProperty('genre_coherence');
    expect(second.figures).toEqual(first.figures);
    expect(first.scoring.users).toHaveLength(users.length);
    expect(first.scoring.users[0]?.items).toHaveLength(10);
    expect(first.scoring.taps.seq_repr?.dims).toEqual([users.length, 4]);
  });
});
