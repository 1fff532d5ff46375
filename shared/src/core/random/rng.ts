import { z } from 'zod';
import { InvalidArgumentError } from '../../errors.js';
import { parseContract } from '../contracts/index.js';
import { seedWords } from './seedWords.js';

const UINT32_RANGE = 2 ** 32;
/** sfc32's first outputs still echo the hashed seed words; the stream starts after them. */
const WARM_UP_DRAWS = 15;

const uint32Schema = z
  .int()
  .min(0)
  .max(UINT32_RANGE - 1);

/** A generator's whole state: plain JSON, so a paused run resumes bit-identically. */
const rngStateSchema = z
  .object({
    algorithm: z.literal('sfc32'),
    words: z.tuple([uint32Schema, uint32Schema, uint32Schema, uint32Schema]),
  })
  .strict();

type RngState = z.infer<typeof rngStateSchema>;

/** A seeded pseudo-random generator; every draw advances the state that `state()` returns. */
interface Rng {
  /** A float in [0, 1) with 32 bits of resolution. */
  float(): number;
  /** An integer in [0, n), without modulo bias; n is an integer in 1..2^32. */
  int(n: number): number;
  pick<T>(items: readonly T[]): T;
  /** A shuffled copy (Fisher–Yates); the input is left as it was. */
  shuffle<T>(items: readonly T[]): T[];
  /** An index drawn with probability weights[i] / sum; zero weights are never drawn. */
  weightedIndex(weights: readonly number[]): number;
  state(): RngState;
}

/**
 * Starts a generator from a seed. A number seeds the same stream as its decimal text
 * (`42` and `'42'` agree), so a seed typed on a command line and one read from JSON match.
 */
function createRng(seed: number | string): Rng {
  if (typeof seed === 'number' && !Number.isFinite(seed)) {
    throw new InvalidArgumentError(`seed must be a finite number or a string, got ${seed}`);
  }
  const rng = restoreRng({ algorithm: 'sfc32', words: seedWords(String(seed)) });
  for (let draw = 0; draw < WARM_UP_DRAWS; draw += 1) rng.float();
  return rng;
}

/** Continues a generator from a state that `state()` returned, possibly after a JSON round trip. */
function restoreRng(state: RngState): Rng {
  let [a, b, c, d] = parseContract(rngStateSchema, state, 'rng state').words;

  // sfc32 (Chris Doty-Humphrey): small, fast, passes PractRand, and its state is four uint32 words.
  const nextUint32 = (): number => {
    const sum = (((a + b) | 0) + d) | 0;
    d = (d + 1) >>> 0;
    a = (b ^ (b >>> 9)) >>> 0;
    b = (c + (c << 3)) >>> 0;
    c = ((((c << 21) | (c >>> 11)) + sum) | 0) >>> 0;
    return sum >>> 0;
  };

  const int = (n: number): number => {
    if (!Number.isInteger(n) || n < 1 || n > UINT32_RANGE) {
      throw new InvalidArgumentError(`n must be an integer in 1..2^32, got ${n}`);
    }
    // Draws at or past the last whole multiple of n would favour small results; redraw them.
    const limit = UINT32_RANGE - (UINT32_RANGE % n);
    let draw = nextUint32();
    while (draw >= limit) draw = nextUint32();
    return draw % n;
  };

  return {
    float: () => nextUint32() / UINT32_RANGE,
    int,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new InvalidArgumentError('cannot pick from an empty list');
      return items[int(items.length)] as T;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const shuffled = [...items];
      for (let index = shuffled.length - 1; index > 0; index -= 1) {
        const other = int(index + 1);
        [shuffled[index], shuffled[other]] = [shuffled[other] as T, shuffled[index] as T];
      }
      return shuffled;
    },
    weightedIndex(weights: readonly number[]): number {
      const total = checkedWeightTotal(weights);
      let remaining = (nextUint32() / UINT32_RANGE) * total;
      for (const [index, weight] of weights.entries()) {
        remaining -= weight;
        if (remaining < 0) return index;
      }
      // Rounding can leave a sliver past the last subtraction; it belongs to the last live weight.
      return weights.findLastIndex((weight) => weight > 0);
    },
    state: () => ({ algorithm: 'sfc32', words: [a, b, c, d] }),
  };
}

function checkedWeightTotal(weights: readonly number[]): number {
  if (weights.some((weight) => !Number.isFinite(weight) || weight < 0)) {
    throw new InvalidArgumentError(`weights must be finite and >= 0, got [${weights.join(', ')}]`);
  }
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total <= 0) {
    throw new InvalidArgumentError(`weights must have a positive sum, got [${weights.join(', ')}]`);
  }
  return total;
}

export type { Rng, RngState };
export { createRng, restoreRng, rngStateSchema };
