// probes.js: the evolvable half of the diagnosis tool. It reads the trained model's taps and
// top-K lists and returns one number per probe; an interpreter turns the figures into findings.
//
// Contract: define `function probes(input)` returning `{ name: number, ... }`, at most 64
// figures, names are identifiers, every figure finite, the same figures for the same input.
//
//   input.users[i]    { history: item ids, most recent last; topK: item ids, best first }
//   input.taps[name]  { dims, data }: row-major numbers. A tap with a batch axis has row i for
//                     users[i]; a large tap may be cut to its leading rows: always read dims.
//                     item_embeddings has row j for item j (row 0 is padding).
//   input.catalog     { numItems, popularity[itemId], genres[itemId] } (index 0 is padding)
//
// It runs in a sandbox with ECMAScript builtins only (no require, process, fetch, console or
// Date; Math.random is seeded) under a time and memory limit. When a proposal changes the
// model's taps it should change these probes to read them. A new probes.js is kept only if it
// runs, gives the same figures twice and every figure is finite; then each figure must move
// when the rows of item_embeddings are shuffled, every tap value is scaled by a random factor
// and the top-K items are relabelled: one that does not (a constant, a figure of the catalogue
// alone) is dropped, and a script with no figure left is not kept.

// EVOLVE-BLOCK-START probes
/** Positions at the end of the window that count as "recent" for the attention share. */
const RECENT_POSITIONS = 5;

function probes(input) {
  const { users, taps, catalog } = input;
  const figures = {};
  if (taps.attention && taps.attention.dims.length >= 2) {
    Object.assign(figures, attentionProbes(taps.attention, users));
  }
  if (taps.seq_repr) Object.assign(figures, seqReprProbes(taps.seq_repr));
  if (taps.item_embeddings) {
    const correlation = normPopularityCorrelation(taps.item_embeddings, catalog);
    setIfFinite(figures, 'embedding_norm_popularity_corr', correlation);
  }
  if (taps.seq_repr && taps.item_embeddings) {
    const alignment = topKAlignment(taps.seq_repr, taps.item_embeddings, users);
    setIfFinite(figures, 'topk_alignment', alignment);
  }
  setIfFinite(figures, 'topk_popularity_percentile', topKPopularityPercentile(users, catalog));
  return figures;
}

/**
 * attention_entropy: entropy of the last position's attention over the user's real (unpadded)
 * positions, divided by log(positions): 1 = spread evenly, 0 = on one item. Mean over users.
 * attention_recent_share: the share of that attention on the RECENT_POSITIONS latest items.
 * The last axis holds the key positions; with [batch, L, L] the last query row is read.
 */
function attentionProbes(tap, users) {
  const window = tap.dims[tap.dims.length - 1];
  const size = rowSize(tap);
  const entropies = [];
  const recentShares = [];
  for (let user = 0; user < Math.min(tap.dims[0], users.length); user += 1) {
    const real = Math.min(users[user].history.length, window);
    if (real < 2) continue;
    const end = (user + 1) * size;
    let total = 0;
    for (let index = end - real; index < end; index += 1) total += tap.data[index];
    if (!(total > 0)) continue;
    let entropy = 0;
    let recent = 0;
    for (let index = end - real; index < end; index += 1) {
      const share = tap.data[index] / total;
      if (share > 0) entropy -= share * Math.log(share);
      if (index >= end - RECENT_POSITIONS) recent += share;
    }
    entropies.push(entropy / Math.log(real));
    recentShares.push(recent);
  }
  const figures = {};
  setIfFinite(figures, 'attention_entropy', mean(entropies));
  setIfFinite(figures, 'attention_recent_share', mean(recentShares));
  return figures;
}

/**
 * seq_repr_norm_mean and seq_repr_norm_cv: mean and coefficient of variation (std / mean) of
 * the users' representation norms. seq_repr_mean_cosine: mean cosine similarity over all pairs
 * of users, from the sum of unit vectors; near 1 means the representations collapsed.
 */
function seqReprProbes(tap) {
  const size = rowSize(tap);
  const norms = Array.from({ length: tap.dims[0] }, (_, row) => rowNorm(tap, row));
  const normMean = mean(norms);
  const normStd = Math.sqrt(mean(norms.map((value) => (value - normMean) ** 2)));
  const figures = {};
  setIfFinite(figures, 'seq_repr_norm_mean', normMean);
  setIfFinite(figures, 'seq_repr_norm_cv', normStd / normMean);
  const unitSum = new Array(size).fill(0);
  let units = 0;
  norms.forEach((rowNormValue, row) => {
    if (!(rowNormValue > 0)) return;
    units += 1;
    for (let axis = 0; axis < size; axis += 1) {
      unitSum[axis] += tap.data[row * size + axis] / rowNormValue;
    }
  });
  if (units >= 2) {
    const squaredSum = unitSum.reduce((total, value) => total + value * value, 0);
    setIfFinite(figures, 'seq_repr_mean_cosine', (squaredSum - units) / (units * (units - 1)));
  }
  return figures;
}

/** Pearson correlation of item embedding norms with log(1 + popularity), over item rows. */
function normPopularityCorrelation(tap, catalog) {
  const norms = [];
  const popularity = [];
  for (let item = 1; item < Math.min(tap.dims[0], catalog.numItems + 1); item += 1) {
    norms.push(rowNorm(tap, item));
    popularity.push(Math.log1p(catalog.popularity[item] || 0));
  }
  return pearson(norms, popularity);
}

/** Mean cosine between a user's seq_repr and the embeddings of its top-K items. */
function topKAlignment(seqRepr, embeddings, users) {
  const cosines = [];
  for (let user = 0; user < Math.min(seqRepr.dims[0], users.length); user += 1) {
    const userNorm = rowNorm(seqRepr, user);
    for (const item of users[user].topK) {
      if (item >= embeddings.dims[0]) continue;
      const itemNorm = rowNorm(embeddings, item);
      const cosine = rowDot(seqRepr, user, embeddings, item) / (userNorm * itemNorm);
      if (Number.isFinite(cosine)) cosines.push(cosine);
    }
  }
  return mean(cosines);
}

/**
 * Mean popularity percentile of recommended items: the share of catalogue items less popular
 * than each (ties count half). 0.5 is the catalogue's own level; near 1, only hits.
 */
function topKPopularityPercentile(users, catalog) {
  const sorted = catalog.popularity.slice(1, catalog.numItems + 1).sort((a, b) => a - b);
  const percentiles = [];
  for (const user of users) {
    for (const item of user.topK) {
      const count = catalog.popularity[item] || 0;
      const below = lowerBound(sorted, count);
      // Popularity is a count of interactions, so the next integer bounds the ties.
      const equal = lowerBound(sorted, count + 1) - below;
      percentiles.push((below + equal / 2) / sorted.length);
    }
  }
  return mean(percentiles);
}

/** Values per row along the first axis. Rows are read in place: the sandbox is an interpreter. */
function rowSize(tap) {
  return tap.data.length / tap.dims[0];
}

function rowDot(a, rowA, b, rowB) {
  const size = rowSize(a);
  const offsetA = rowA * size;
  const offsetB = rowB * rowSize(b);
  let total = 0;
  for (let axis = 0; axis < size; axis += 1) {
    total += a.data[offsetA + axis] * b.data[offsetB + axis];
  }
  return total;
}

function rowNorm(tap, row) {
  return Math.sqrt(rowDot(tap, row, tap, row));
}

function mean(values) {
  if (values.length === 0) return Number.NaN;
  return values.reduce((total, value) => total + value, 0) / values.length;
}

function pearson(xs, ys) {
  const meanX = mean(xs);
  const meanY = mean(ys);
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < xs.length; index += 1) {
    covariance += (xs[index] - meanX) * (ys[index] - meanY);
    varianceX += (xs[index] - meanX) ** 2;
    varianceY += (ys[index] - meanY) ** 2;
  }
  return covariance / Math.sqrt(varianceX * varianceY);
}

/** Index of the first value >= target in an ascending array. */
function lowerBound(sorted, target) {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A probe whose figure is undefined on this input (no users, no variance) is left out. */
function setIfFinite(figures, name, value) {
  if (Number.isFinite(value)) figures[name] = value;
}
// EVOLVE-BLOCK-END
