import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogItem } from '../core/dataset/index.js';
import type { RatingsDataset } from '../core/simulation/index.js';
import { FileMissingError } from '../errors.js';
import { malformedLine, parseRatingLines } from './ratingLines.js';

/**
 * Reads the original GroupLens ml-100k files in `<dataDir>/ml-100k` with their explicit ratings,
 * which the prepared views (implicit feedback) drop: `u.data` (user, item, rating, timestamp,
 * tab-separated), `u.item` (`|`-separated: id, title, …, one 0/1 flag per genre at the end) and
 * `u.genre` (`name|index`). The files are Latin-1. Each user's ratings are in time order, ties in
 * file order; users ascend by id.
 */
async function readMovieLens100kRatings(dataDir: string): Promise<RatingsDataset> {
  const folder = join(dataDir, 'ml-100k');
  const read = async (name: string) => {
    const path = join(folder, name);
    if (!existsSync(path)) throw new FileMissingError(path, `ml-100k file ${name}`);
    return { path, lines: (await readFile(path)).toString('latin1').split('\n') };
  };
  const [data, item, genre] = await Promise.all([read('u.data'), read('u.item'), read('u.genre')]);
  const genreNames = genre.lines
    .filter((line) => line.trim() !== '')
    .map((line) => line.split('|')[0] ?? '');
  const items = parseItems(item.path, item.lines, genreNames);
  const numItems = items.length - 1;
  return {
    name: 'ml-100k',
    numItems,
    items,
    users: parseRatingLines(data.path, data.lines, {
      separator: '\t',
      numItems,
      expected: `expected user, item in 1..${numItems}, rating 1–5, time`,
    }),
  };
}

function parseItems(
  path: string,
  lines: readonly string[],
  genreNames: readonly string[]
): CatalogItem[] {
  const byId = new Map<number, CatalogItem>();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const fields = line.split('|');
    const id = Number(fields[0]);
    if (!Number.isInteger(id) || id < 1 || fields.length < 5 + genreNames.length) {
      throw malformedLine(path, index, 'expected an item id, a title and one flag per genre');
    }
    const flags = fields.slice(fields.length - genreNames.length);
    byId.set(id, {
      title: fields[1] ?? '',
      genres: genreNames.filter((_, genre) => flags[genre] === '1'),
    });
  });
  const numItems = Math.max(0, ...byId.keys());
  return Array.from({ length: numItems + 1 }, (_, id) => byId.get(id) ?? { title: '', genres: [] });
}

export { readMovieLens100kRatings };
