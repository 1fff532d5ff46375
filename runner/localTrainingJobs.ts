import type { TrainerRunner } from '../shared/src/core/evaluation/index.js';
import { describeTrainerExit } from '../shared/src/core/evaluation/index.js';

/** What a Batch `.sync` task submits, as the state machine's Parameters give it. */
interface SubmitJobRequest {
  readonly JobName: string;
  readonly ContainerOverrides: { readonly Command: readonly string[] };
}

/** Batch's error name for a job that ended FAILED, which the Train state's Catch receives. */
const JOB_FAILED = 'States.TaskFailed';

/**
 * The Batch job's local stand-in: the same trainer command the container runs
 * (`run --job <presigned job.json URL>`), as a subprocess. The job reads its inputs and writes
 * its outputs through the URLs in its job.json, against the embedded S3 stand-in, exactly as in
 * AWS; nothing is rewritten here. Program code runs in the trainer's sandbox, or, where none can
 * start, only if the user allowed it. A non-zero exit fails the task as Batch would.
 */
function createLocalTrainingJobs(
  trainer: TrainerRunner,
  options: { readonly allowUnsandboxed: boolean }
) {
  const sandbox = options.allowUnsandboxed ? ['--sandbox', 'if-available'] : [];
  return async (request: SubmitJobRequest): Promise<Record<string, never>> => {
    const exit = await trainer.run(['run', ...sandbox, ...request.ContainerOverrides.Command]);
    if (exit.exitCode !== 0) {
      throw Object.assign(
        new Error(`job ${request.JobName} ended with ${describeTrainerExit(exit)}`),
        { name: JOB_FAILED }
      );
    }
    return {};
  };
}

export type { SubmitJobRequest };
export { createLocalTrainingJobs, JOB_FAILED };
