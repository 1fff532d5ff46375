import { describe, expect, it } from 'vitest';
import type { RngState } from '../../../../shared/src/core/random/index.js';
import { createRng, restoreRng } from '../../../../shared/src/core/random/index.js';
import { ContractViolationError, InvalidArgumentError } from '../../../../shared/src/errors.js';

const draws = (seed: number | string, count: number) => {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng.float());
};

/** How often each index occurs; an index out of range lengthens the result. */
const tally = (indices: readonly number[], size: number) => {
  const counts = new Array<number>(size).fill(0);
  for (const index of indices) counts[index] = (counts[index] ?? 0) + 1;
  return counts;
};

describe('createRng', () => {
  it('gives the same stream for the same seed and different streams for near seeds', () => {
    // Prepare / Act
    const first = draws('run-1', 50);
    const again = draws('run-1', 50);
    const neighbour = draws('run-2', 50);

    // Assess
    expect(again).toEqual(first);
    expect(neighbour.filter((value, index) => value === first[index])).toEqual([]);
  });

  it('seeds a number and its decimal text alike', () => {
    // Prepare / Act / Assess
    expect(draws(42, 10)).toEqual(draws('42', 10));
  });

  it('keeps the stream it had when states were first persisted', () => {
    // Prepare: stored states must stay valid, so the algorithm may never change silently
    const rng = createRng('evolverec');

    // Act
    const values = Array.from({ length: 4 }, () => rng.int(1000));

    // Assess
    expect(values).toEqual([562, 500, 406, 22]);
    expect(createRng(0).state()).toEqual({
      algorithm: 'sfc32',
      words: [2_433_713_439, 1_863_345_633, 2_200_057_035, 1_597_331_421],
    });
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY])('rejects the seed %s', (seed) => {
    // Prepare / Act
    const act = () => createRng(seed);

    // Assess
    expect(act).toThrow(InvalidArgumentError);
  });
});

describe('float and int', () => {
  it('draws floats in [0, 1) that fill ten buckets evenly', () => {
    // Prepare
    const values = draws(7, 50_000);

    // Act
    const buckets = tally(
      values.map((value) => Math.floor(value * 10)),
      10
    );

    // Assess
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    for (const count of buckets) expect(Math.abs(count - 5000)).toBeLessThan(300);
  });

  it('draws every integer of [0, n) and nothing outside it', () => {
    // Prepare
    const rng = createRng('int');

    // Act
    const counts = tally(
      Array.from({ length: 60_000 }, () => rng.int(6)),
      6
    );

    // Assess
    expect(counts).toHaveLength(6);
    for (const count of counts) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it.each([0, -1, 2.5, 2 ** 32 + 1])('rejects n = %s', (n) => {
    // Prepare
    const rng = createRng(1);

    // Act
    const act = () => rng.int(n);

    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow('n must be an integer in 1..2^32');
  });
});

describe('pick and shuffle', () => {
  it('picks members only and throws on an empty list', () => {
    // Prepare
    const rng = createRng('pick');
    const items = ['a', 'b', 'c'];

    // Act
    const picked = new Set(Array.from({ length: 100 }, () => rng.pick(items)));

    // Assess
    expect([...picked].sort()).toEqual(items);
    expect(() => rng.pick([])).toThrow('cannot pick from an empty list');
  });

  it('returns a permutation and leaves the input alone', () => {
    // Prepare
    const items = Object.freeze(Array.from({ length: 20 }, (_, index) => index));

    // Act
    const shuffled = createRng('shuffle').shuffle(items);

    // Assess
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(createRng('shuffle').shuffle(items)).toEqual(shuffled);
  });
});

describe('weightedIndex', () => {
  it('draws indices in proportion to their weights and never a zero weight', () => {
    // Prepare
    const rng = createRng('weights');

    // Act
    const counts = tally(
      Array.from({ length: 40_000 }, () => rng.weightedIndex([0.2, 0, 0.7, 0.1])),
      4
    );

    // Assess
    expect(counts).toHaveLength(4);
    expect(counts[1]).toBe(0);
    expect(Math.abs((counts[0] as number) - 8000)).toBeLessThan(400);
    expect(Math.abs((counts[2] as number) - 28_000)).toBeLessThan(400);
    expect(Math.abs((counts[3] as number) - 4000)).toBeLessThan(400);
  });

  it.each([
    [[], 'positive sum'],
    [[0, 0], 'positive sum'],
    [[1, -1], 'finite and >= 0'],
    [[1, Number.NaN], 'finite and >= 0'],
  ])('rejects the weights %j', (weights, message) => {
    // Prepare
    const rng = createRng(3);

    // Act
    const act = () => rng.weightedIndex(weights);

    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow(message);
  });
});

describe('state and restoreRng', () => {
  it('resumes bit-identically from a state that went through JSON', () => {
    // Prepare
    const rng = createRng('pause');
    for (let draw = 0; draw < 37; draw += 1) rng.float();
    const saved = JSON.stringify(rng.state());
    const expected = [rng.float(), rng.int(10), rng.pick(['x', 'y', 'z']), rng.shuffle([1, 2, 3])];

    // Act
    const resumed = restoreRng(JSON.parse(saved) as RngState);
    const actual = [
      resumed.float(),
      resumed.int(10),
      resumed.pick(['x', 'y', 'z']),
      resumed.shuffle([1, 2, 3]),
    ];

    // Assess
    expect(actual).toEqual(expected);
  });

  it('hands out a copy, so editing it cannot steer the generator', () => {
    // Prepare
    const rng = createRng('copy');
    const state = rng.state();
    const expected = restoreRng(state).float();

    // Act
    (state.words as number[])[0] = 0;

    // Assess
    expect(rng.float()).toBe(expected);
  });

  it('rejects a malformed state with a ContractViolationError naming the field', () => {
    // Prepare
    const state = { algorithm: 'sfc32', words: [1, 2, 3, -4] } as unknown as RngState;

    // Act
    const act = () => restoreRng(state);

    // Assess
    expect(act).toThrow(ContractViolationError);
    expect(act).toThrow('rng state is invalid: words.3');
  });
});
