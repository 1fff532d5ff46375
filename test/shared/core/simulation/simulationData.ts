import type { ItemCatalog, PreparedView } from '../../../../shared/src/core/dataset/index.js';
import { createRng } from '../../../../shared/src/core/random/index.js';
import type { UserSession } from '../../../../shared/src/core/simulation/index.js';

/** Hand-built items: [title, genres, training count]; item ids are 1.. in order. */
type ItemRow = readonly [title: string, genres: readonly string[], popularity: number];

function catalogOf(rows: readonly ItemRow[]): ItemCatalog {
  const popularity = new Uint32Array(rows.length + 1);
  rows.forEach(([, , count], index) => {
    popularity[index + 1] = count;
  });
  return {
    numItems: rows.length,
    items: [{ title: '', genres: [] }, ...rows.map(([title, genres]) => ({ title, genres }))],
    popularity,
  };
}

function viewOf(
  catalog: ItemCatalog,
  users: readonly { readonly train: readonly number[]; readonly valid?: number | null }[]
): PreparedView {
  return {
    name: 'hand-built',
    view: 'candidate',
    catalog,
    users: users.map(({ train, valid = null }, index) => ({
      index,
      train,
      valid,
      test: null,
      heldOut: false,
    })),
  };
}

/**
 * Eight items over four genres, most popular first: 1 Drama (8), 2 Comedy (7), 3 Drama|Comedy
 * (6), 4 Horror (5), 5 Drama (4), 6 Comedy (3), 7 Sci-Fi (2), 8 Horror (1).
 */
const smallCatalog = catalogOf([
  ['Drama One', ['Drama'], 8],
  ['Comedy Two', ['Comedy'], 7],
  ['Dramedy Three', ['Drama', 'Comedy'], 6],
  ['Horror Four', ['Horror'], 5],
  ['Drama Five', ['Drama'], 4],
  ['Comedy Six', ['Comedy'], 3],
  ['Space Seven', ['Sci-Fi'], 2],
  ['Horror Eight', ['Horror'], 1],
]);

const GENRES = ['Action', 'Comedy', 'Drama', 'Horror', 'Romance', 'Sci-Fi'];

/**
 * A seeded synthetic dataset: 200 items with one or two genres and a long-tailed popularity,
 * and `users` users of 1 to 80 items whose tastes differ in genre focus and popularity.
 */
function syntheticView(users = 300, seed = 'synthetic'): PreparedView {
  const rng = createRng(seed);
  const numItems = 200;
  const rows: ItemRow[] = Array.from({ length: numItems }, (_, index) => {
    const first = rng.pick(GENRES);
    const second = rng.float() < 0.3 ? [rng.pick(GENRES)] : [];
    const genres = [...new Set([first, ...second])];
    return [`Film ${index + 1}`, genres, Math.floor(1000 / (index + 1))];
  });
  const catalog = catalogOf(rows);
  const people = Array.from({ length: users }, () => {
    const length = 1 + rng.int(80);
    const favourite = rng.pick(GENRES);
    const focus = rng.float();
    const mainstream = rng.float();
    const train = Array.from({ length }, () => {
      for (;;) {
        const item = mainstream < 0.5 ? 1 + rng.int(numItems) : 1 + rng.int(1 + rng.int(numItems));
        const genres = rows[item - 1]?.[1] ?? [];
        if (rng.float() > focus || genres.includes(favourite)) return item;
      }
    });
    return { train, valid: 1 + rng.int(numItems) };
  });
  return viewOf(catalog, people);
}

/** A session from pages of [item, watched, rating] triples, with an empty interview. */
function sessionOf(
  userIndex: number,
  pages: readonly (readonly (readonly [number, boolean, number | null])[])[],
  signals: Partial<Pick<UserSession['interview'], 'overusedSignals' | 'underusedSignals'>> = {}
): UserSession {
  return {
    userIndex,
    pages: pages.map((page) =>
      page.map(([item, watched, rating]) => ({ item, watched, rating, reason: 'test' }))
    ),
    interview: {
      fits: [],
      misses: [],
      overusedSignals: signals.overusedSignals ?? [],
      underusedSignals: signals.underusedSignals ?? [],
    },
  };
}

export type { ItemRow };
export { catalogOf, sessionOf, smallCatalog, syntheticView, viewOf };
