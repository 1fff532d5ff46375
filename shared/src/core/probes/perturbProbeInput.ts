import type { Rng } from '../random/index.js';
import type { ProbeInput, ProbeTap } from './probeInput.js';

/** The tap whose rows the perturbation shuffles: row id is item id, row 0 is padding. */
const SHUFFLED_TAP = 'item_embeddings';
/** Tap values are scaled by factors drawn from [1 - SCALE_SPREAD, 1 + SCALE_SPREAD). */
const SCALE_SPREAD = 0.5;

/**
 * A known perturbation that every figure reading the model should notice, figure by figure: the
 * rows of item_embeddings other than row 0 are shuffled; every value of every tap is then scaled
 * by its own random factor in [0.5, 1.5) (signs and zeros, padding included, stay: a norm, a
 * share or an entropy moves, and stays defined); and every top-K item is replaced by its image
 * under one random permutation of the catalogue (lists keep their length and stay distinct, but
 * lose their link to the model, the histories and the items' popularity and genres). Histories
 * and the catalogue stay as they are; the same rng state gives the same perturbation.
 */
function perturbProbeInput(input: ProbeInput, rng: Rng): ProbeInput {
  const { numItems } = input.catalog;
  const relabelled = [0, ...rng.shuffle(Array.from({ length: numItems }, (_, index) => index + 1))];
  const users = input.users.map((user) => ({
    history: user.history,
    topK: user.topK.map((item) => relabelled[item] ?? item),
  }));
  const taps = Object.fromEntries(
    Object.entries(input.taps).map(([name, tap]) => {
      const reordered = name === SHUFFLED_TAP ? shuffleRowsAfterFirst(tap, rng) : tap;
      return [name, scaleValues(reordered, rng)];
    })
  );
  return { users, taps, catalog: input.catalog };
}

function scaleValues(tap: ProbeTap, rng: Rng): ProbeTap {
  const data = tap.data.map((value) => value * (1 - SCALE_SPREAD + 2 * SCALE_SPREAD * rng.float()));
  return { dims: tap.dims, data };
}

function shuffleRowsAfterFirst(tap: ProbeTap, rng: Rng): ProbeTap {
  const rows = tap.dims[0] ?? 0;
  // Fewer than two item rows: nothing to shuffle.
  if (rows < 3) return tap;
  const rowSize = tap.data.length / rows;
  const order = [0, ...rng.shuffle(Array.from({ length: rows - 1 }, (_, index) => index + 1))];
  const data = order.flatMap((row) => tap.data.slice(row * rowSize, (row + 1) * rowSize));
  return { dims: tap.dims, data };
}

export { perturbProbeInput };
