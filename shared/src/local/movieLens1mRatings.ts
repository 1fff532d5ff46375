import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CatalogItem } from '../core/dataset/index.js';
import type { RatingsDataset } from '../core/simulation/index.js';
import { FileMissingError } from '../errors.js';
import { malformedLine, parseRatingLines } from './ratingLines.js';

/**
 * Reads the GroupLens original ml-1m ratings in `<dataDir>/ml-1m`: `ratings.dat`
 * (`UserID::MovieID::Rating::Timestamp`) and `movies.dat` (`MovieID::Title::Genre|Genre…`),
 * both Latin-1. Item ids are MovieLens's own. The standard SASRec file beside them has no
 * ratings, so without `ratings.dat` (which `evolverec data get ml-1m` extracts from the
 * original zip) this fails with a FileMissingError that says so.
 */
async function readMovieLens1mRatings(dataDir: string): Promise<RatingsDataset> {
  const folder = join(dataDir, 'ml-1m');
  const ratingsPath = join(folder, 'ratings.dat');
  const moviesPath = join(folder, 'movies.dat');
  if (!existsSync(ratingsPath)) {
    throw new FileMissingError(
      ratingsPath,
      "ml-1m's explicit ratings (the SASRec file has none; `evolverec data get ml-1m` downloads the GroupLens original, whose zip holds ratings.dat), so the ml-1m fidelity is skipped:"
    );
  }
  if (!existsSync(moviesPath)) throw new FileMissingError(moviesPath, 'ml-1m movies.dat');
  const [ratingLines, movieLines] = await Promise.all(
    [ratingsPath, moviesPath].map(async (path) =>
      (await readFile(path)).toString('latin1').split('\n')
    )
  );
  const items = parseMovies(moviesPath, movieLines ?? []);
  const numItems = items.length - 1;
  return {
    name: 'ml-1m',
    numItems,
    items,
    users: parseRatingLines(ratingsPath, ratingLines ?? [], {
      separator: '::',
      numItems,
      expected: `expected UserID::MovieID (1..${numItems})::Rating (1–5)::Timestamp`,
    }),
  };
}

function parseMovies(path: string, lines: readonly string[]): CatalogItem[] {
  const byId = new Map<number, CatalogItem>();
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const [id, title, genres] = line.split('::');
    const movie = Number(id);
    if (!Number.isInteger(movie) || movie < 1 || title === undefined || genres === undefined) {
      throw malformedLine(path, index, 'expected MovieID::Title::Genres');
    }
    byId.set(movie, {
      title,
      genres: genres
        .trim()
        .split('|')
        .filter((genre) => genre !== ''),
    });
  });
  const numItems = Math.max(0, ...byId.keys());
  return Array.from({ length: numItems + 1 }, (_, id) => byId.get(id) ?? { title: '', genres: [] });
}

export { readMovieLens1mRatings };
