import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';
import type { TrainerExit, TrainerRunner } from '../core/evaluation/index.js';
import { TrainerProcessError } from '../errors.js';

/** The Python module whose CLI is the trainer. */
const TRAINER_MODULE = 'evolverec_trainer';

interface TrainerProcessOptions {
  /** The Python interpreter that can import the trainer. */
  readonly python: string;
  /** Where the trainer's progress (its stdout and stderr) goes, as it comes. */
  readonly progress: Writable;
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
}

/** Runs the trainer as a local subprocess: `<python> -m evolverec_trainer <args>`. */
function createTrainerProcess(options: TrainerProcessOptions): TrainerRunner {
  const { python, progress, cwd, env } = options;
  return {
    run: (args) =>
      new Promise<TrainerExit>((resolve, reject) => {
        const child = spawn(python, ['-m', TRAINER_MODULE, ...args], {
          cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        // Both streams are progress for the operator; the caller's stdout stays free for results.
        child.stdout.pipe(progress, { end: false });
        child.stderr.pipe(progress, { end: false });
        child.once('error', (error) => {
          reject(
            new TrainerProcessError(
              `could not start the trainer with '${python}': ${error.message}`,
              {
                cause: error,
              }
            )
          );
        });
        child.once('close', (exitCode, signal) => resolve({ exitCode, signal }));
      }),
  };
}

export type { TrainerProcessOptions };
export { createTrainerProcess };
