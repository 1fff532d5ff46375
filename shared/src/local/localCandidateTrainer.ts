import { join } from 'node:path';
import type { TrainerRunner } from '../core/evaluation/index.js';
import type { CandidateTrainer } from '../engine/index.js';
import { evaluateProgram } from './evaluateProgram.js';
import { writeProgramDir } from './programDir.js';

interface LocalCandidateTrainerOptions {
  readonly dataset: string;
  readonly dataDir: string;
  /** Prepared dataset views are cached here. */
  readonly stateDir: string;
  /** Each attempt is written to and trained in `<workDir>/<programId>/attempt-<n>`. */
  readonly workDir: string;
  readonly maxEpochs?: number;
  readonly timeLimitSeconds?: number;
  readonly report: (line: string) => void;
}

/**
 * The Batch job's local stand-in: writes the candidate's files to a directory and trains them with
 * the same trainer, as a subprocess, on the validation split only.
 */
function createLocalCandidateTrainer(
  options: LocalCandidateTrainerOptions,
  trainer: TrainerRunner
): CandidateTrainer {
  const attemptDir = (programId: string, attempt: number) =>
    join(options.workDir, programId, `attempt-${attempt}`);
  return {
    modelLocation: ({ programId, attempt }) => join(attemptDir(programId, attempt), 'out'),
    async evaluate({ programId, attempt, files }) {
      const dir = attemptDir(programId, attempt);
      const programDir = join(dir, 'program');
      await writeProgramDir(programDir, files);
      return evaluateProgram(
        {
          program: programDir,
          dataset: options.dataset,
          dataDir: options.dataDir,
          outDir: join(dir, 'out'),
          stateDir: options.stateDir,
          evaluateTest: false,
          ...(options.maxEpochs === undefined ? {} : { maxEpochs: options.maxEpochs }),
          ...(options.timeLimitSeconds === undefined
            ? {}
            : { timeLimitSeconds: options.timeLimitSeconds }),
          report: options.report,
        },
        trainer
      );
    },
  };
}

export type { LocalCandidateTrainerOptions };
export { createLocalCandidateTrainer };
