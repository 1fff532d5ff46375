import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TrainerRunner } from '../shared/src/core/evaluation/index.js';
import { describeTrainerExit } from '../shared/src/core/evaluation/index.js';
import type { ObjectStore } from '../shared/src/engine/index.js';
import { InvalidArgumentError } from '../shared/src/errors.js';
import { preparedViewDir } from '../shared/src/local/index.js';

/** What a Batch `.sync` task submits, as the state machine's Parameters give it. */
interface SubmitJobRequest {
  readonly JobName: string;
  readonly ContainerOverrides: { readonly Command: readonly string[] };
}

/** Batch's error name for a job that ended FAILED, which the Train state's Catch receives. */
const JOB_FAILED = 'States.TaskFailed';

interface LocalTrainingJobOptions {
  readonly objects: ObjectStore;
  readonly trainer: TrainerRunner;
  /** Local state: prepared views are read from `<stateDir>/datasets`, jobs work under `work/`. */
  readonly stateDir: string;
}

/**
 * The Batch job's local stand-in: the same trainer, as a subprocess, with the job's S3 prefixes
 * mapped to folders. The program is downloaded from its prefix, the prepared view is the local
 * cache the runner uploaded it from, and the output folder is uploaded to the job's output
 * prefix afterwards, whatever happened (a failed candidate's metrics.json says why), then
 * removed: the bucket keeps the job's output. A non-zero exit fails the task as Batch would.
 */
function createLocalTrainingJobs(options: LocalTrainingJobOptions) {
  const { objects, trainer, stateDir } = options;
  return async (request: SubmitJobRequest): Promise<Record<string, never>> => {
    const command = [...request.ContainerOverrides.Command];
    // A folder per submission: a trainer orphaned by a killed runner cannot write into it.
    await mkdir(join(stateDir, 'work'), { recursive: true });
    const workDir = await mkdtemp(join(stateDir, 'work', `${request.JobName}-`));
    const programDir = join(workDir, 'program');
    const outDir = join(workDir, 'out');
    await mkdir(outDir, { recursive: true });
    const exit = await (async () => {
      try {
        await download(objects, keyOf(objects, flagValue(command, '--program')), programDir);
        const args = replaceValue(
          replaceValue(replaceValue(command, '--program', programDir), '--out', outDir),
          '--data',
          localView(stateDir, keyOf(objects, flagValue(command, '--data')))
        );
        const ended = await trainer.run(['run', ...args]);
        await upload(outDir, objects, keyOf(objects, flagValue(command, '--out')));
        return ended;
      } finally {
        await rm(workDir, { recursive: true, force: true });
      }
    })();
    if (exit.exitCode !== 0) {
      throw Object.assign(
        new Error(`job ${request.JobName} ended with ${describeTrainerExit(exit)}`),
        {
          name: JOB_FAILED,
        }
      );
    }
    return {};
  };
}

function flagValue(command: readonly string[], flag: string): string {
  const index = command.indexOf(flag);
  const value = command[index + 1];
  if (index < 0 || value === undefined)
    throw new InvalidArgumentError(`the job's command has no ${flag}`);
  return value;
}

function replaceValue(command: readonly string[], flag: string, value: string): string[] {
  const index = command.indexOf(flag);
  return command.map((part, position) => (position === index + 1 ? value : part));
}

/** `s3://bucket/key/` → `key/`, checked against the store's own bucket. */
function keyOf(objects: ObjectStore, uri: string): string {
  const root = objects.uri('');
  if (!uri.startsWith(root)) throw new InvalidArgumentError(`${uri} is outside ${root}`);
  return uri.slice(root.length);
}

/** `datasets/<name>/<view>/` → the prepared view's local folder. */
function localView(stateDir: string, prefix: string): string {
  const match = /^datasets\/([^/]+)\/(candidate|full)\/$/.exec(prefix);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new InvalidArgumentError(`${prefix} is not a prepared dataset view`);
  }
  return preparedViewDir(stateDir, match[1], match[2]);
}

async function download(objects: ObjectStore, prefix: string, dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const key of await objects.list(prefix)) {
    const name = key.slice(prefix.length);
    if (name.includes('/')) continue;
    const body = await objects.get(key);
    if (body !== undefined) await writeFile(join(dir, name), body);
  }
}

async function upload(dir: string, objects: ObjectStore, prefix: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (entry.isFile())
      await objects.put(`${prefix}${entry.name}`, await readFile(join(dir, entry.name)));
  }
}

export type { LocalTrainingJobOptions, SubmitJobRequest };
export { createLocalTrainingJobs, JOB_FAILED };
