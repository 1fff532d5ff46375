import { createHash } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { basename, extname, isAbsolute, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { VIEW_FORMAT } from '../core/dataset/index.js';
import { PreflightError } from '../errors.js';
import { downloadableDatasets } from './getDataset.js';

/** The files a dataset is read from, and a name for people and cache folders. */
interface DatasetSource {
  readonly label: string;
  /** The folder the files are named from in the fingerprint, so that a moved copy matches. */
  readonly root: string;
  /** Absolute paths, sorted. */
  readonly files: readonly string[];
}

/**
 * Where the trainer reads a dataset from (trainer/evolverec_trainer/datasets/registry.py): a
 * known name is its folder in the data directory, every file of it (a superset of what its reader
 * opens, so that any change there counts); anything else is a data file, absolute or under the
 * data directory, with the metadata file the trainer reads beside it (`<stem>_items.tsv` of a
 * text file, `<stem>.item` of a RecBole `.inter` file). A dataset that is not there fails here,
 * before anything is prepared or trained, saying what to do.
 */
async function resolveDatasetSource(dataset: string, dataDir: string): Promise<DatasetSource> {
  if ((downloadableDatasets as readonly string[]).includes(dataset)) {
    const folder = join(dataDir, dataset);
    const files = existsSync(folder) ? await filesUnder(folder) : [];
    if (files.length === 0) {
      throw new PreflightError(
        `dataset ${dataset} is not in ${dataDir} (no files in ${folder}): get it with evolverec data get ${dataset} --data-dir ${dataDir}, or point --data-dir (EVOLVEREC_DATA_DIR) at where it is`
      );
    }
    return { label: dataset, root: folder, files };
  }
  const path = isAbsolute(dataset) ? dataset : join(dataDir, dataset);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
    throw new PreflightError(
      `dataset '${dataset}' is neither a known dataset (${downloadableDatasets.join(', ')}) nor a data file (nothing at ${path}): name one of those, or give the path of a file of 'user item [timestamp]' lines or a RecBole .inter file`
    );
  }
  const stem = basename(path, extname(path));
  const root = resolve(path, '..');
  const metadata = join(root, extname(path) === '.inter' ? `${stem}.item` : `${stem}_items.tsv`);
  return { label: stem, root, files: existsSync(metadata) ? [path, metadata].sort() : [path] };
}

/**
 * A `--dataset` as the command line takes it: a known name stays a name; a path that exists from
 * the working directory becomes absolute (the trainer would look for a relative one under the
 * data directory, where it is also looked for when it is not here).
 */
function datasetFromCommandLine(value: string): string {
  if ((downloadableDatasets as readonly string[]).includes(value) || isAbsolute(value))
    return value;
  return existsSync(resolve(value)) ? resolve(value) : value;
}

/**
 * The source's content and the view format, hashed: two sources never share a prepared view, a
 * changed file or a new format prepares again, and a moved copy of the same data does not.
 */
async function sourceFingerprint(source: DatasetSource): Promise<string> {
  const hash = createHash('sha256').update(`view format ${VIEW_FORMAT}\n`);
  for (const file of source.files) {
    const content = createHash('sha256');
    await pipeline(createReadStream(file), content);
    hash.update(`${relative(source.root, file)}\n${content.digest('hex')}\n`);
  }
  return hash.digest('hex');
}

/** The prepared views' cache folder of a source: readable, and unique to its content. */
function sourceCacheName(source: DatasetSource, fingerprint: string): string {
  return `${source.label.replace(/[^\w.-]/g, '_')}-${fingerprint.slice(0, 16)}`;
}

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (path) =>
        !relative(folder, path)
          .split('/')
          .some((part) => part.startsWith('.'))
    )
    .sort();
}

export type { DatasetSource };
export { datasetFromCommandLine, resolveDatasetSource, sourceCacheName, sourceFingerprint };
