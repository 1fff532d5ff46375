import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PreparedView } from '../core/dataset/index.js';
import { parsePreparedView } from '../core/dataset/index.js';
import { FileMissingError } from '../errors.js';

/** Reads a prepared view directory (dataset.json, splits.tsv, items.tsv). */
async function readPreparedView(dir: string): Promise<PreparedView> {
  const read = async (name: string) => {
    const path = join(dir, name);
    if (!existsSync(path)) throw new FileMissingError(path, `prepared view file ${name}`);
    return readFile(path, 'utf8');
  };
  const [datasetJson, splitsTsv, itemsTsv] = await Promise.all([
    read('dataset.json'),
    read('splits.tsv'),
    read('items.tsv'),
  ]);
  return parsePreparedView({ datasetJson, splitsTsv, itemsTsv }, dir);
}

export { readPreparedView };
