import type { TrainingJobSpec } from '../../core/evaluation/index.js';
import { JOB_OUTPUT_FILES, VIEW_FILES } from '../../core/evaluation/index.js';
import type { RunState } from '../../core/evolution/index.js';
import { datasetViewPrefix } from '../../core/runs/index.js';
import type { CandidateContext } from './candidateContext.js';
import type { TrainingJob } from './stepPayloads.js';
import { putJson } from './storedObjects.js';

/**
 * How long a job's URLs live past its own time limit: its wait for a machine (a cold Spot
 * compute environment takes minutes). URLs signed with a role's temporary credentials end with
 * those credentials, whatever is asked here (see infra/README.md).
 */
const QUEUE_ALLOWANCE_SECONDS = 3_600;
/** SigV4's longest presigned URL. */
const MAX_URL_SECONDS = 7 * 24 * 3_600;

/**
 * Writes an attempt's job.json, every input (the attempt's program, the candidate view) and
 * output (the attempt's out/) a presigned URL, and returns the Batch job that reads it: the
 * job holds no credentials, so it can touch these objects and nothing else.
 */
async function attemptJob(
  context: CandidateContext,
  state: RunState,
  attempt: number
): Promise<TrainingJob> {
  const { objects } = context.services;
  const { config } = state;
  const { training } = config;
  const seconds = Math.min(training.timeLimitSeconds + QUEUE_ALLOWANCE_SECONDS, MAX_URL_SECONDS);
  const sign = (key: string, method: 'GET' | 'PUT') => objects.signedUrl(key, method, seconds);
  const programPrefix = context.keys.attemptProgram(attempt);
  const programFiles = Object.keys(await context.attemptFiles(attempt)).sort();
  const viewPrefix = datasetViewPrefix(config.dataset, 'candidate');
  const outPrefix = context.keys.attemptOut(attempt);
  const name = jobName(`${state.runId}-${context.programId}-a${attempt}`);
  const spec: TrainingJobSpec = {
    format: 1,
    name,
    program: await signedEach(programFiles, (file) => sign(`${programPrefix}${file}`, 'GET')),
    data: await signedEach(VIEW_FILES, (file) => sign(`${viewPrefix}${file}`, 'GET')),
    outputs: await signedEach(JOB_OUTPUT_FILES, (file) => sign(`${outPrefix}${file}`, 'PUT')),
    budget: {
      maxEpochs: training.maxEpochs,
      patience: training.patience,
      evalEvery: training.evalEvery,
      timeLimitSeconds: training.timeLimitSeconds,
      memoryLimitMb: training.memoryLimitMb,
    },
    seed: config.randomSeed,
  };
  await putJson(objects, context.keys.attemptJob(attempt), spec);
  return { name, command: ['--job', await sign(context.keys.attemptJob(attempt), 'GET')] };
}

async function signedEach<const Name extends string>(
  names: readonly Name[],
  sign: (name: Name) => Promise<string>
): Promise<Record<Name, string>> {
  const urls = await Promise.all(names.map(async (name) => [name, await sign(name)] as const));
  return Object.fromEntries(urls) as Record<Name, string>;
}

/** Batch job names: letters, digits, '-' and '_', at most 128. */
function jobName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 128);
}

export { attemptJob };
