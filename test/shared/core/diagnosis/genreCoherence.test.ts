import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../../../shared/src/core/dataset/index.js';
import { genreCoherenceFigures, genreShares } from '../../../../shared/src/core/diagnosis/index.js';

/** Items 1..n with the given genres; index 0 is padding. */
function itemsWith(genres: readonly (readonly string[])[]): CatalogItem[] {
  return [{ title: '', genres: [] }, ...genres.map((list) => ({ title: '', genres: list }))];
}

describe('genreCoherenceFigures', () => {
  it('is 1 when the top-K has the genre mix of the recent history, 0 when it shares none', () => {
    // Prepare
    const items = itemsWith([['Drama'], ['Comedy'], ['Drama'], ['Comedy'], ['Horror']]);
    const histories = [
      [1, 2],
      [1, 2],
    ];

    // Act
    const mirrored = genreCoherenceFigures(
      histories,
      [
        [3, 4],
        [3, 4],
      ],
      items
    );
    const disjoint = genreCoherenceFigures(histories, [[5], [5]], items);

    // Assert
    expect(mirrored).toEqual({ genre_coherence: 1 });
    expect(disjoint).toEqual({ genre_coherence: 0 });
  });

  it('reads only the last 10 items of the history', () => {
    // Prepare: eleven Horror items, then ten Comedy ones.
    const items = itemsWith([['Horror'], ['Comedy']]);
    const history = [
      ...Array.from({ length: 11 }, () => 1),
      ...Array.from({ length: 10 }, () => 2),
    ];

    // Act
    const figures = genreCoherenceFigures([history], [[2]], items);

    // Assert
    expect(figures).toEqual({ genre_coherence: 1 });
  });

  it('is undefined for a catalogue without genres', () => {
    // Prepare
    const items = itemsWith([[], []]);

    // Act
    const figures = genreCoherenceFigures([[1]], [[2]], items);

    // Assert
    expect(figures).toBeUndefined();
  });
});

describe('genreShares', () => {
  it('splits a multi-genre item evenly and skips items without genres', () => {
    // Prepare
    const items = itemsWith([['Drama', 'Comedy'], ['Drama'], []]);

    // Act
    const shares = genreShares([1, 2, 3], items);

    // Assert
    expect(Object.fromEntries(shares)).toEqual({ Drama: 0.75, Comedy: 0.25 });
  });
});
