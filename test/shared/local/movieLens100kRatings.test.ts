import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ContractViolationError, FileMissingError } from '../../../shared/src/errors.js';
import { readMovieLens100kRatings, repoRoot } from '../../../shared/src/local/index.js';

const dataDir = resolve(process.env.EVOLVEREC_DATA_DIR ?? join(repoRoot, '..', 'shared', 'data'));

describe('readMovieLens100kRatings', () => {
  it('reads every rating of the real files, users ascending, each in time order', async () => {
    // Act
    const dataset = await readMovieLens100kRatings(dataDir);

    // Assert
    expect(dataset.name).toBe('ml-100k');
    expect(dataset.numItems).toBe(1682);
    expect(dataset.users).toHaveLength(943);
    expect(dataset.users.reduce((sum, user) => sum + user.ratings.length, 0)).toBe(100_000);
    expect(dataset.users.map((user) => user.user)).toEqual(
      Array.from({ length: 943 }, (_, index) => index + 1)
    );
    const inTimeOrder = dataset.users.every(({ ratings }) =>
      ratings.every((rating, index) => rating.timestamp >= (ratings[index - 1]?.timestamp ?? 0))
    );
    expect(inTimeOrder).toBe(true);
    // The first line of u.data: user 196 rated item 242 a 3 at 881250949.
    expect(dataset.users[195]?.ratings).toContainEqual({
      item: 242,
      rating: 3,
      timestamp: 881_250_949,
    });
  });

  it('reads titles as Latin-1 and genres from the flags named in u.genre', async () => {
    // Act
    const dataset = await readMovieLens100kRatings(dataDir);

    // Assert
    expect(dataset.items[1]).toEqual({
      title: 'Toy Story (1995)',
      genres: ['Animation', "Children's", 'Comedy'],
    });
    expect(dataset.items[543]?.title).toBe('Misérables, Les (1995)');
    expect(dataset.items[0]).toEqual({ title: '', genres: [] });
  });

  it('names the file that is missing', async () => {
    // Prepare
    const empty = await mkdtemp(join(tmpdir(), 'evolverec-ml100k-'));

    // Act
    const read = readMovieLens100kRatings(empty);

    // Assert
    await expect(read).rejects.toThrow(FileMissingError);
    await rm(empty, { recursive: true, force: true });
  });

  it('names the line of a malformed rating', async () => {
    // Prepare
    const dir = await mkdtemp(join(tmpdir(), 'evolverec-ml100k-'));
    await mkdir(join(dir, 'ml-100k'));
    await writeFile(join(dir, 'ml-100k', 'u.genre'), 'unknown|0\nDrama|1\n\n');
    await writeFile(join(dir, 'ml-100k', 'u.item'), '1|Film|01-Jan-1995||url|0|1\n');
    await writeFile(join(dir, 'ml-100k', 'u.data'), '1\t1\t5\t10\n1\t1\tsix\t11\n');

    // Act
    const read = readMovieLens100kRatings(dir);

    // Assert
    await expect(read).rejects.toThrow(ContractViolationError);
    await expect(read).rejects.toThrow(/u\.data is invalid: 2: expected user/);
    await rm(dir, { recursive: true, force: true });
  });
});
