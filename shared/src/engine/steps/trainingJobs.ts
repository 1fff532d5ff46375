import type { RunConfig } from '../../core/evolution/index.js';
import { datasetViewPrefix, runKeys } from '../../core/runs/index.js';
import type { ObjectStore } from '../ports.js';
import type { TrainingJob } from './stepPayloads.js';

/** The trainer's limits from the run config, the same for every candidate and the seed. */
function budgetArgs(config: RunConfig): string[] {
  const { maxEpochs, timeLimitSeconds } = config.training;
  return [
    '--seed',
    String(config.randomSeed),
    ...(maxEpochs === undefined ? [] : ['--max-epochs', String(maxEpochs)]),
    ...(timeLimitSeconds === undefined ? [] : ['--time-limit', String(timeLimitSeconds)]),
  ];
}

/**
 * A candidate attempt's Batch job: the arguments after `evolverec_trainer run`. It reads the
 * attempt's program and the candidate view (never the test split) and writes only the attempt's
 * output prefix, which is all its IAM role allows.
 */
function candidateJob(
  objects: ObjectStore,
  config: RunConfig,
  runId: string,
  programId: string,
  attempt: number
): TrainingJob {
  const keys = runKeys(runId);
  return {
    name: jobName(`${runId}-${programId}-a${attempt}`),
    command: [
      '--program',
      objects.uri(keys.attemptProgram(programId, attempt)),
      '--data',
      objects.uri(datasetViewPrefix(config.dataset, 'candidate')),
      '--out',
      objects.uri(keys.attemptOut(programId, attempt)),
      ...budgetArgs(config),
    ],
  };
}

/** The final job: the best program trained again and scored once on the test split. */
function finalJob(
  objects: ObjectStore,
  config: RunConfig,
  runId: string,
  programId: string
): TrainingJob {
  const keys = runKeys(runId);
  return {
    name: jobName(`${runId}-${programId}-final`),
    command: [
      '--program',
      objects.uri(`${keys.program(programId)}files/`),
      '--data',
      objects.uri(datasetViewPrefix(config.dataset, 'full')),
      '--out',
      objects.uri(keys.finalOut(programId)),
      '--evaluate-test',
      ...budgetArgs(config),
    ],
  };
}

/** Batch job names: letters, digits, '-' and '_', at most 128. */
function jobName(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 128);
}

export { candidateJob, finalJob };
