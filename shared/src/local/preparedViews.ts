import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetView } from '../core/dataset/index.js';
import { VIEW_FORMAT, viewManifestSchema } from '../core/dataset/index.js';
import type { TrainerRunner } from '../core/evaluation/index.js';
import { describeTrainerExit, prepareArgs } from '../core/evaluation/index.js';
import { TrainerProcessError } from '../errors.js';
import { resolveDatasetSource, sourceCacheName, sourceFingerprint } from './datasetSource.js';
import { preparedViewDir } from './paths.js';

/** Written beside a prepared view: which source and format it was prepared from. */
const SOURCE_FILE = 'source.json';

interface PrepareViewRequest {
  readonly dataset: string;
  readonly dataDir: string;
  /** Local state; prepared views are cached under it. */
  readonly stateDir: string;
  readonly view: DatasetView;
  readonly report: (message: string) => void;
}

interface PreparedViewLocation {
  readonly dir: string;
  /** The source's content and the view format, hashed (sourceFingerprint). */
  readonly fingerprint: string;
}

/**
 * Where a dataset's view is (or will be) cached: a folder named for the source's content, so
 * that another data directory, a changed file or a new view format prepares again and two
 * sources never share one. Fails, saying what to do, when the dataset is not there.
 */
async function preparedViewLocation(
  request: Omit<PrepareViewRequest, 'report'>
): Promise<PreparedViewLocation> {
  const source = await resolveDatasetSource(request.dataset, request.dataDir);
  const fingerprint = await sourceFingerprint(source);
  const dir = preparedViewDir(request.stateDir, sourceCacheName(source, fingerprint), request.view);
  return { dir, fingerprint };
}

/**
 * The folder of a dataset's prepared view, prepared by the trainer unless a complete one of this
 * source and the current format is cached; `source.json` in it names both.
 */
async function ensurePreparedView(
  request: PrepareViewRequest,
  trainer: TrainerRunner
): Promise<string> {
  const { dataset, dataDir, view, report } = request;
  const { dir, fingerprint } = await preparedViewLocation(request);
  if (await isCurrentView(dir)) return dir;
  await rm(dir, { recursive: true, force: true });
  report(`preparing ${dataset} (${view} view) into ${dir}`);
  const exit = await trainer.run(prepareArgs({ dataset, dataDir, out: dir, view }));
  if (exit.exitCode !== 0) {
    throw new TrainerProcessError(
      `preparing dataset '${dataset}' from ${dataDir} failed (${describeTrainerExit(exit)}); the trainer's message above says why`
    );
  }
  const source = { format: VIEW_FORMAT, fingerprint };
  await writeFile(join(dir, SOURCE_FILE), `${JSON.stringify(source)}\n`);
  return dir;
}

/**
 * Whether `dir` holds a complete view whose manifest this code reads: `source.json` is written
 * last, so a preparation that was cut short is prepared again.
 */
async function isCurrentView(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, 'dataset.json'), 'utf8').catch(() => undefined);
  const source = await readFile(join(dir, SOURCE_FILE), 'utf8').catch(() => undefined);
  if (text === undefined || source === undefined) return false;
  try {
    return viewManifestSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

export type { PreparedViewLocation, PrepareViewRequest };
export { ensurePreparedView, isCurrentView, preparedViewLocation, SOURCE_FILE };
