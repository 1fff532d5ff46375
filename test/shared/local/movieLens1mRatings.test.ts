import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileMissingError } from '../../../shared/src/errors.js';
import {
  fidelityDirections,
  readMovieLens1mRatings,
  repoRoot,
} from '../../../shared/src/local/index.js';

const sharedData = resolve(
  process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data')
);

let dataDir: string;
let withoutRatings: string;

/** A GroupLens-shaped ml-1m folder: three films, two users, ratings out of time order. */
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'evolverec-ml1m-'));
  await mkdir(join(dataDir, 'ml-1m'));
  await writeFile(
    join(dataDir, 'ml-1m', 'movies.dat'),
    Buffer.from(
      "1::Toy Story (1995)::Animation|Children's|Comedy\n3::Amélie (2001)::Comedy|Romance\n2::Heat (1995)::Action|Crime|Thriller\n",
      'latin1'
    )
  );
  await writeFile(
    join(dataDir, 'ml-1m', 'ratings.dat'),
    '2::1::5::300\n1::3::4::200\n1::1::2::100\n1::2::3::200\n'
  );
  withoutRatings = await mkdtemp(join(tmpdir(), 'evolverec-ml1m-none-'));
  await mkdir(join(withoutRatings, 'ml-1m'));
  await symlink(join(sharedData, 'ml-100k'), join(withoutRatings, 'ml-100k'));
});

afterAll(async () => {
  for (const dir of [dataDir, withoutRatings])
    if (dir) await rm(dir, { recursive: true, force: true });
});

describe('readMovieLens1mRatings', () => {
  it('reads the GroupLens ratings in time order, with Latin-1 titles and genres', async () => {
    // Act
    const dataset = await readMovieLens1mRatings(dataDir);

    // Assess: same-second ratings keep their file order
    expect(dataset.name).toBe('ml-1m');
    expect(dataset.numItems).toBe(3);
    expect(dataset.items[3]).toEqual({ title: 'Amélie (2001)', genres: ['Comedy', 'Romance'] });
    expect(dataset.users.map(({ user }) => user)).toEqual([1, 2]);
    expect(dataset.users[0]?.ratings.map(({ item, rating }) => [item, rating])).toEqual([
      [1, 2],
      [3, 4],
      [2, 3],
    ]);
  });

  it('says ratings.dat is missing, and where it comes from, when only the SASRec file is here', async () => {
    // Act
    const reading = readMovieLens1mRatings(withoutRatings);

    // Assess
    await expect(reading).rejects.toBeInstanceOf(FileMissingError);
    await expect(reading).rejects.toThrow(/evolverec data get ml-1m.*ratings\.dat/);
  });
});

describe('fidelityDirections', () => {
  it('skips a dataset without ratings, saying why, and measures the others both ways', async () => {
    // Act
    const { directions, skipped } = await fidelityDirections(['ml-100k', 'ml-1m'], withoutRatings);

    // Assess
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^ml-1m: .*ratings\.dat/);
    expect(directions.map((d) => `${d.fittedOn} → ${d.measuredOn}`)).toEqual([
      'ml-100k (odd users) → ml-100k (even users)',
      'ml-100k (even users) → ml-100k (odd users)',
    ]);
  });
});
