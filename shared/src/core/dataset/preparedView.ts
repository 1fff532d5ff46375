import { z } from 'zod';
import { ContractViolationError } from '../../errors.js';
import { parseJsonContract } from '../contracts/index.js';

/**
 * The two views of a dataset: `candidate`, all that program code and its feedback ever see
 * (training items, and validation items of the tuning users only), and `judge`, the trusted
 * judge's alone (every user's validation and test item, and which users are held out).
 */
const datasetViewSchema = z.enum(['candidate', 'judge']);

/** The layout of prepared views this code reads; a view of another format is prepared again. */
const VIEW_FORMAT = 2;

/** `dataset.json` of a prepared view, written by the trainer's `prepare`. */
const viewManifestSchema = z
  .object({
    format: z.literal(VIEW_FORMAT),
    name: z.string().min(1),
    view: datasetViewSchema,
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
  /**
   * The user's validation item is the judge's alone (half the users): the candidate view leaves
   * it out, so the figures of record are on targets no program could have memorised.
   */
  readonly heldOut: boolean;
}

type DatasetView = z.infer<typeof datasetViewSchema>;

interface PreparedView {
  readonly name: string;
  readonly view: DatasetView;
  readonly catalog: ItemCatalog;
  readonly users: readonly ViewUser[];
}

/** The three files of a prepared view, as text. */
interface PreparedViewFiles {
  readonly datasetJson: string;
  readonly splitsTsv: string;
  readonly itemsTsv: string;
}

/** The role column of splits.tsv for a user whose validation item only the judge has. */
const HELD_OUT = 'held-out';

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
      const [train = '', valid = '', test = '', role = ''] = line.split('\t');
      const items = train === '' ? [] : train.split(' ').map((text) => itemId(text, index + 1));
      for (const item of items) popularity[item] = (popularity[item] ?? 0) + 1;
      return {
        index,
        train: items,
        valid: valid === '' ? null : itemId(valid, index + 1),
        test: test === '' ? null : itemId(test, index + 1),
        heldOut: role === HELD_OUT,
      };
    });
  if (manifest.view === 'candidate' && users.some((user) => user.test !== null || user.heldOut)) {
    throw new ContractViolationError(`${where}/splits.tsv`, [
      { path: [], message: 'a candidate view must hold no test or held-out item' },
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

export type { CatalogItem, DatasetView, ItemCatalog, PreparedView, PreparedViewFiles, ViewUser };
export { datasetViewSchema, parsePreparedView, VIEW_FORMAT, viewManifestSchema };
