import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonContract } from '../core/contracts/index.js';
import type { EvaluationResult, TrainerExit, TrainerRunner } from '../core/evaluation/index.js';
import {
  describeTrainerExit,
  evaluationResultSchema,
  prepareArgs,
  runArgs,
} from '../core/evaluation/index.js';
import { TrainerProcessError } from '../errors.js';
import { preparedViewDir } from './paths.js';

/** The file the trainer leaves in its output directory, whatever happened. */
const METRICS_FILE = 'metrics.json';

interface EvaluateProgramRequest {
  readonly program: string;
  readonly dataset: string;
  readonly dataDir: string;
  readonly outDir: string;
  /** Local state; prepared dataset views are cached under it. */
  readonly stateDir: string;
  /** Score the test split too (prepares the `full` view); never for candidates. */
  readonly evaluateTest: boolean;
  readonly maxEpochs?: number;
  readonly timeLimitSeconds?: number;
  /** One line of the tool's own progress, for the operator. */
  readonly report: (message: string) => void;
}

/**
 * Evaluates one program locally: prepares the dataset view once (cached), trains and scores the
 * program with the trainer, and returns its validated metrics.json. A failed candidate is a
 * result; only a trainer that leaves no valid result behind throws.
 */
async function evaluateProgram(
  request: EvaluateProgramRequest,
  trainer: TrainerRunner
): Promise<EvaluationResult> {
  const { dataset, dataDir, outDir, stateDir, evaluateTest, report } = request;
  const view = evaluateTest ? 'full' : 'candidate';
  const viewDir = preparedViewDir(stateDir, dataset, view);
  if (!existsSync(join(viewDir, 'dataset.json'))) {
    report(`preparing ${dataset} into ${viewDir}`);
    const exit = await trainer.run(prepareArgs({ dataset, dataDir, out: viewDir, view }));
    if (exit.exitCode !== 0) {
      throw new TrainerProcessError(
        `preparing dataset '${dataset}' from ${dataDir} failed (${describeTrainerExit(exit)}); is it downloaded (evolverec data get)?`
      );
    }
  }
  await mkdir(outDir, { recursive: true });
  // A stale result from an earlier run in the same directory must never pass for this one.
  await rm(join(outDir, METRICS_FILE), { force: true });
  report(`evaluating ${request.program} on ${dataset} into ${outDir}`);
  const exit = await trainer.run(runArgs({ ...request, data: viewDir, out: outDir }));
  return readEvaluationResult(outDir, exit);
}

/** Reads and validates `<outDir>/metrics.json`; `exit` only explains a missing file. */
async function readEvaluationResult(outDir: string, exit?: TrainerExit): Promise<EvaluationResult> {
  const path = join(outDir, METRICS_FILE);
  if (!existsSync(path)) {
    const how = exit === undefined ? '' : `the trainer ended (${describeTrainerExit(exit)}) and `;
    throw new TrainerProcessError(`${how}no ${METRICS_FILE} was written to ${outDir}`);
  }
  return parseJsonContract(evaluationResultSchema, await readFile(path, 'utf8'), path);
}

export type { EvaluateProgramRequest };
export { evaluateProgram, readEvaluationResult };
