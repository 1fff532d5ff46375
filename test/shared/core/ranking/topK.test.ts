import { describe, expect, it } from 'vitest';
import { topK } from '../../../../shared/src/core/ranking/index.js';

describe('topK', () => {
  it('returns the k best items best first when scores are distinct', () => {
    // Prepare: column j is item j + 1
    const row = new Float32Array([0.1, 0.9, 0.3, 0.7, 0.5]);

    // Act
    const ranking = topK(row, 3);

    // Assess
    expect(ranking.items).toEqual([2, 4, 5]);
    expect(ranking.scores).toEqual([row[1], row[3], row[4]]);
  });

  it('skips excluded items even when they score best', () => {
    // Prepare
    const row = new Float32Array([0.1, 0.9, 0.3, 0.7, 0.5]);

    // Act
    const ranking = topK(row, 2, new Set([2, 5]));

    // Assess
    expect(ranking.items).toEqual([4, 3]);
  });

  it('ranks the lower item id first when scores tie', () => {
    // Prepare: items 2, 3 and 5 tie at 0.5, item 4 ties with nobody
    const row = [0.1, 0.5, 0.5, 0.6, 0.5, 0.2];

    // Act
    const ranking = topK(row, 3);

    // Assess
    expect(ranking.items).toEqual([4, 2, 3]);
    expect(ranking.scores).toEqual([0.6, 0.5, 0.5]);
  });

  it('keeps the lower ids of a tie when the tie straddles the cut', () => {
    // Prepare: every item ties; the heap must evict higher ids as lower ones arrive later
    const row = [1, 1, 1, 1, 1, 1, 1, 1].reverse();

    // Act
    const ranking = topK(row, 3, new Set([1]));

    // Assess
    expect(ranking.items).toEqual([2, 3, 4]);
  });

  it('returns fewer than k items when exclusions leave fewer', () => {
    // Prepare
    const row = [0.3, 0.2, 0.1];

    // Act
    const ranking = topK(row, 5, new Set([1]));

    // Assess
    expect(ranking.items).toEqual([2, 3]);
  });

  it('never ranks NaN scores', () => {
    // Prepare
    const row = [Number.NaN, 0.2, Number.NaN, -1];

    // Act
    const ranking = topK(row, 3);

    // Assess
    expect(ranking.items).toEqual([2, 4]);
  });

  it('agrees with a full sort on a large random row', () => {
    // Prepare: a seeded generator, so the row is the same on every run
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const row = Float32Array.from({ length: 3416 }, () => Math.round(random() * 500) / 500);
    const exclude = new Set(Array.from({ length: 200 }, () => 1 + Math.floor(random() * 3416)));
    const expected = Array.from(row, (score, column) => ({ score, item: column + 1 }))
      .filter(({ item }) => !exclude.has(item))
      .sort((a, b) => b.score - a.score || a.item - b.item)
      .slice(0, 20)
      .map(({ item }) => item);

    // Act
    const ranking = topK(row, 20, exclude);

    // Assess
    expect(ranking.items).toEqual(expected);
  });

  it('ranks 1,000 users over 3,416 items well under a second', () => {
    // Prepare
    const rows = Array.from({ length: 1000 }, (_, user) =>
      Float32Array.from({ length: 3416 }, (_, column) => Math.sin(user * 31 + column * 17))
    );
    const seen = new Set(Array.from({ length: 150 }, (_, index) => index * 20 + 1));

    // Act
    const started = performance.now();
    for (const row of rows) topK(row, 20, seen);
    const elapsedMs = performance.now() - started;

    // Assess
    expect(elapsedMs).toBeLessThan(500);
  });
});
