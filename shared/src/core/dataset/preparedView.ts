import { z } from 'zod';
import { ContractViolationError } from '../../errors.js';
import { parseJsonContract } from '../contracts/index.js';

/** `dataset.json` of a prepared view, written by the trainer's `prepare`. */
const viewManifestSchema = z
  .object({
    format: z.literal(1),
    name: z.string().min(1),
    view: z.enum(['candidate', 'full']),
    users: z.int().min(0),
    items: z.int().min(1),
    interactions: z.int().min(0),
  })
  .strict();

interface CatalogItem {
  readonly title: string;
  readonly genres: readonly string[];
}

/** The items of a dataset, indexed by item id (1..numItems; index 0 is padding, never an item). */
interface ItemCatalog {
  readonly numItems: number;
  /** `items[id]`; an id without metadata has an empty title and no genres. */
  readonly items: readonly CatalogItem[];
  /** Training interactions per item id (validation and test items not counted). */
  readonly popularity: Uint32Array;
}

/** One user of a prepared view: training items in time order, then the held-out items. */
interface ViewUser {
  /** Row of the user in splits.tsv, 0-based. */
  readonly index: number;
  readonly train: readonly number[];
  readonly valid: number | null;
  /** Always null in a candidate view: evolved code and its feedback never see test items. */
  readonly test: number | null;
}

interface PreparedView {
  readonly name: string;
  readonly view: 'candidate' | 'full';
  readonly catalog: ItemCatalog;
  readonly users: readonly ViewUser[];
}

/** The three files of a prepared view, as text. */
interface PreparedViewFiles {
  readonly datasetJson: string;
  readonly splitsTsv: string;
  readonly itemsTsv: string;
}

/** Parses a prepared view (the trainer's `prepare` output); malformed files name the line. */
function parsePreparedView(files: PreparedViewFiles, where: string): PreparedView {
  const manifest = parseJsonContract(
    viewManifestSchema,
    files.datasetJson,
    `${where}/dataset.json`
  );
  const numItems = manifest.items;
  const itemId = (text: string, line: number): number => {
    const id = Number(text);
    if (!Number.isInteger(id) || id < 1 || id > numItems) {
      throw new ContractViolationError(`${where}/splits.tsv`, [
        { path: [line], message: `item '${text}' is not an id in 1..${numItems}` },
      ]);
    }
    return id;
  };
  const popularity = new Uint32Array(numItems + 1);
  const users = files.splitsTsv
    .split('\n')
    .filter((line) => line !== '')
    .map((line, index): ViewUser => {
      const [train = '', valid = '', test = ''] = line.split('\t');
      const items = train === '' ? [] : train.split(' ').map((text) => itemId(text, index + 1));
      for (const item of items) popularity[item] = (popularity[item] ?? 0) + 1;
      return {
        index,
        train: items,
        valid: valid === '' ? null : itemId(valid, index + 1),
        test: test === '' ? null : itemId(test, index + 1),
      };
    });
  if (manifest.view === 'candidate' && users.some((user) => user.test !== null)) {
    throw new ContractViolationError(`${where}/splits.tsv`, [
      { path: [], message: 'a candidate view must hold no test item' },
    ]);
  }
  const items: CatalogItem[] = Array.from({ length: numItems + 1 }, () => ({
    title: '',
    genres: [],
  }));
  for (const row of files.itemsTsv.split('\n').slice(1)) {
    if (row === '') continue;
    const [id = '', title = '', genres = ''] = row.split('\t');
    const item = Number(id);
    if (Number.isInteger(item) && item >= 1 && item <= numItems) {
      items[item] = { title, genres: genres.split('|').filter((genre) => genre !== '') };
    }
  }
  return {
    name: manifest.name,
    view: manifest.view,
    catalog: { numItems, items, popularity },
    users,
  };
}

export type { CatalogItem, ItemCatalog, PreparedView, PreparedViewFiles, ViewUser };
export { parsePreparedView, viewManifestSchema };
