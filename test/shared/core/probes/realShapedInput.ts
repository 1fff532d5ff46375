import type { ItemCatalog } from '../../../../shared/src/core/dataset/index.js';
import type { ProbeInput } from '../../../../shared/src/core/probes/index.js';
import { buildProbeInput } from '../../../../shared/src/core/probes/index.js';
import type { Rng } from '../../../../shared/src/core/random/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';
import type { ScoringResult } from '../../../../shared/src/core/ranking/index.js';
import { topK } from '../../../../shared/src/core/ranking/index.js';

interface Shape {
  readonly users: number;
  readonly items: number;
  readonly hidden: number;
  readonly maxLen: number;
  readonly k: number;
}

/** The seed SASRec on ml-1m: 3,706 items, hidden 64, a window of 200, a page of 10. */
const ML_1M_SHAPE: Shape = { users: 256, items: 3706, hidden: 64, maxLen: 200, k: 10 };

/**
 * A ProbeInput with the seed's taps (seq_repr [users, hidden], item_embeddings [items + 1,
 * hidden], attention [users, maxLen]) built through buildProbeInput from a synthetic scoring
 * result that behaves like a trained model: Zipf popularity, popular items with larger
 * embeddings, histories drawn by popularity, seq_repr near the latest items, top-K by dot
 * product, attention leaning to recent positions and zero on padding.
 */
function realShapedProbeInput(shape: Shape = ML_1M_SHAPE, seed = 'probe-input'): ProbeInput {
  const rng = createRng(seed);
  const { users, items, hidden, maxLen, k } = shape;
  const ranks = rng.shuffle(Array.from({ length: items }, (_, index) => index + 1));
  const popularity = new Uint32Array(items + 1);
  ranks.forEach((rank, index) => {
    popularity[index + 1] = Math.floor(3000 / rank ** 0.9);
  });
  const embeddings = new Float32Array((items + 1) * hidden);
  for (let item = 1; item <= items; item += 1) {
    const size = 0.5 + Math.log1p(popularity[item] ?? 0) / 4;
    for (let axis = 0; axis < hidden; axis += 1) {
      embeddings[item * hidden + axis] = gaussian(rng) * size;
    }
  }
  const drawByPopularity = popularitySampler(popularity, rng);
  const histories = Array.from({ length: users }, () =>
    Array.from({ length: 20 + rng.int(280) }, drawByPopularity)
  );
  const seqRepr = new Float32Array(users * hidden);
  const attention = new Float32Array(users * maxLen);
  const rankings = histories.map((history, user) => {
    const userVector = seqRepr.subarray(user * hidden, (user + 1) * hidden);
    for (const item of history.slice(-5)) {
      const itemVector = embeddings.subarray(item * hidden, (item + 1) * hidden);
      itemVector.forEach((value, axis) => {
        userVector[axis] = (userVector[axis] ?? 0) + value / 5;
      });
    }
    fillAttention(attention, user, Math.min(history.length, maxLen), maxLen, rng);
    const scores = new Float32Array(items);
    for (let item = 1; item <= items; item += 1) {
      const itemVector = embeddings.subarray(item * hidden, (item + 1) * hidden);
      scores[item - 1] = itemVector.reduce(
        (score, value, axis) => score + value * (userVector[axis] ?? 0),
        0
      );
    }
    return topK(scores, k, new Set(history));
  });
  const result: ScoringResult = {
    users: rankings,
    taps: {
      seq_repr: { dims: [users, hidden], data: seqRepr },
      item_embeddings: { dims: [items + 1, hidden], data: embeddings },
      attention: { dims: [users, maxLen], data: attention },
    },
  };
  const catalog: ItemCatalog = {
    numItems: items,
    items: Array.from({ length: items + 1 }, (_, item) => ({
      title: `Item ${item}`,
      genres: item === 0 ? [] : [GENRES[item % GENRES.length] ?? 'Drama'],
    })),
    popularity,
  };
  return buildProbeInput({ histories, result, catalog });
}

const GENRES = ['Drama', 'Comedy', 'Action', 'Thriller', 'Romance'];

/** Softmax of recency-leaning logits over the last `real` positions of the window. */
function fillAttention(
  attention: Float32Array,
  user: number,
  real: number,
  maxLen: number,
  rng: Rng
): void {
  const logits = Array.from({ length: real }, (_, index) => index / 20 + rng.float());
  const largest = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - largest));
  const total = exps.reduce((sum, value) => sum + value, 0);
  exps.forEach((value, index) => {
    attention[user * maxLen + maxLen - real + index] = value / total;
  });
}

/** Draws item ids in proportion to popularity + 1 (binary search over the cumulative sums). */
function popularitySampler(popularity: Uint32Array, rng: Rng): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let item = 1; item < popularity.length; item += 1) {
    total += (popularity[item] ?? 0) + 1;
    cumulative.push(total);
  }
  return () => {
    const target = rng.float() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((cumulative[middle] ?? 0) <= target) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
}

/** A standard normal draw (Box–Muller). */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.float())) * Math.cos(2 * Math.PI * rng.float());
}

export type { Shape };
export { ML_1M_SHAPE, realShapedProbeInput };
