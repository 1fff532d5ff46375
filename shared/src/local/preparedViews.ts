import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetView } from '../core/dataset/index.js';
import { viewManifestSchema } from '../core/dataset/index.js';
import type { TrainerRunner } from '../core/evaluation/index.js';
import { describeTrainerExit, prepareArgs } from '../core/evaluation/index.js';
import { TrainerProcessError } from '../errors.js';
import { preparedViewDir } from './paths.js';

interface PrepareViewRequest {
  readonly dataset: string;
  readonly dataDir: string;
  /** Local state; prepared views are cached under it. */
  readonly stateDir: string;
  readonly view: DatasetView;
  readonly report: (message: string) => void;
}

/**
 * The folder of a dataset's prepared view, prepared by the trainer unless a complete one of the
 * current format is cached (a view of an older format is prepared again, never misread).
 */
async function ensurePreparedView(
  request: PrepareViewRequest,
  trainer: TrainerRunner
): Promise<string> {
  const { dataset, dataDir, stateDir, view, report } = request;
  const dir = preparedViewDir(stateDir, dataset, view);
  if (await isCurrentView(dir)) return dir;
  await rm(dir, { recursive: true, force: true });
  report(`preparing ${dataset} (${view} view) into ${dir}`);
  const exit = await trainer.run(prepareArgs({ dataset, dataDir, out: dir, view }));
  if (exit.exitCode !== 0) {
    throw new TrainerProcessError(
      `preparing dataset '${dataset}' from ${dataDir} failed (${describeTrainerExit(exit)}); is it downloaded (evolverec data get)?`
    );
  }
  return dir;
}

/** Whether `dir` holds a complete view whose manifest this code reads. */
async function isCurrentView(dir: string): Promise<boolean> {
  const text = await readFile(join(dir, 'dataset.json'), 'utf8').catch(() => undefined);
  if (text === undefined) return false;
  try {
    return viewManifestSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

export type { PrepareViewRequest };
export { ensurePreparedView, isCurrentView };
