import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { createTrainerProcess } from '../shared/src/adapters/index.js';
import type { TrainerRunner } from '../shared/src/core/evaluation/index.js';
import type { RunConfig } from '../shared/src/core/evolution/index.js';
import type { RunRecord } from '../shared/src/core/runs/index.js';
import { datasetViewPrefix, runKeys } from '../shared/src/core/runs/index.js';
import type { ObjectStore } from '../shared/src/engine/index.js';
import { InvalidArgumentError } from '../shared/src/errors.js';
import type { LocalEnv } from '../shared/src/local/index.js';
import {
  ensurePreparedView,
  readSeedFolder,
  repoRoot,
  resolvePython,
  resolveSeedDir,
  SOURCE_FILE,
} from '../shared/src/local/index.js';
import type { LocalCloud } from './localCloud.js';

/** The team of every run started on this machine; admission limits are the cloud's business. */
const LOCAL_TEAM = 'local';

/**
 * Makes a dataset's prepared views (candidate: for every job and the feedback; judge: the
 * held-out and test items, for the judge alone) and puts them in the bucket where the steps,
 * the jobs and the judge look for them. Each is prepared once per source and uploaded again
 * only when the bucket's copy is missing or of another source or format (its source.json,
 * uploaded last, differs).
 */
async function publishDatasetViews(
  objects: ObjectStore,
  request: {
    readonly dataset: string;
    readonly dataDir: string;
    readonly stateDir: string;
    readonly trainer: TrainerRunner;
    readonly report: (line: string) => void;
  }
): Promise<void> {
  const { dataset, trainer } = request;
  for (const view of ['candidate', 'judge'] as const) {
    const prefix = datasetViewPrefix(dataset, view);
    const dir = await ensurePreparedView({ ...request, view }, trainer);
    const local = await readFile(join(dir, SOURCE_FILE));
    const published = await objects.get(`${prefix}${SOURCE_FILE}`);
    if (published !== undefined && Buffer.from(published).equals(local)) continue;
    // dataset.json then source.json last: their presence says the view is complete and whose.
    const rank = (name: string) => ['dataset.json', SOURCE_FILE].indexOf(name);
    const files = (await readdir(dir)).sort((a, b) => rank(a) - rank(b));
    for (const name of files)
      await objects.put(`${prefix}${name}`, await readFile(join(dir, name)));
  }
}

/** Copies the seed folder (model.py, probes.js, search-space.json and its variants) to the run. */
async function publishSeed(objects: ObjectStore, runId: string, seedDir: string): Promise<void> {
  const prefix = runKeys(runId).seed;
  for (const [name, bytes] of Object.entries(await readSeedFolder(seedDir))) {
    await objects.put(`${prefix}${name}`, bytes);
  }
}

/** Registers a new local run as admitted: it starts at once. */
async function registerLocalRun(
  cloud: LocalCloud,
  request: { readonly runId: string; readonly config: RunConfig; readonly now: Date }
): Promise<RunRecord> {
  const at = request.now.toISOString();
  const record: RunRecord = {
    runId: request.runId,
    team: LOCAL_TEAM,
    status: 'running',
    createdAt: at,
    updatedAt: at,
    config: request.config,
    executionArn: `local:${request.runId}`,
    generation: 0,
    usd: 0,
  };
  if (!(await cloud.registry.createRun(record))) {
    throw new InvalidArgumentError(
      `run ${request.runId} exists already; resume it or pick another id`
    );
  }
  return record;
}

/**
 * Everything a local run needs before its execution starts: the dataset's prepared views in the
 * bucket, the run registered, its seed folder copied to it. The seed folder is the config's
 * `seedProgram`: as given when absolute, else from the working directory or the checkout.
 */
async function submitLocalRun(
  cloud: LocalCloud,
  request: {
    readonly runId: string;
    readonly config: RunConfig;
    readonly dataDir: string;
    readonly stateDir: string;
    readonly env: LocalEnv;
    /** Where the trainer's preparation output goes. */
    readonly trainerProgress: Writable;
    readonly report: (line: string) => void;
    readonly now: Date;
  }
): Promise<void> {
  const { runId, config } = request;
  const trainer = createTrainerProcess({
    python: resolvePython(request.env),
    progress: request.trainerProgress,
    cwd: repoRoot,
    env: { ...request.env },
  });
  await publishDatasetViews(cloud.objects, {
    dataset: config.dataset,
    dataDir: request.dataDir,
    stateDir: request.stateDir,
    trainer,
    report: request.report,
  });
  await registerLocalRun(cloud, { runId, config, now: request.now });
  await publishSeed(cloud.objects, runId, resolveSeedDir(config.seedProgram));
}

export { LOCAL_TEAM, publishDatasetViews, publishSeed, registerLocalRun, submitLocalRun };
