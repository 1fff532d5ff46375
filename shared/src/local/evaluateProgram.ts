import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ProcessJudge } from '../adapters/judge/index.js';
import { parseJsonContract } from '../core/contracts/index.js';
import type { EvaluationResult, TrainerExit, TrainerRunner } from '../core/evaluation/index.js';
import { describeTrainerExit, evaluationResultSchema, runArgs } from '../core/evaluation/index.js';
import type { JudgeSettings } from '../core/evolution/index.js';
import type { EvaluationOfRecord, JudgeResult, JudgeSplit } from '../core/judging/index.js';
import { evaluationOfRecord } from '../core/judging/index.js';
import { TrainerProcessError } from '../errors.js';
import { ensurePreparedView } from './preparedViews.js';

/** The file the trainer leaves in its output directory, whatever happened. */
const METRICS_FILE = 'metrics.json';

interface EvaluateProgramRequest {
  readonly program: string;
  readonly dataset: string;
  readonly dataDir: string;
  readonly outDir: string;
  /** Local state; prepared dataset views are cached under it. */
  readonly stateDir: string;
  /** The judge scores the test split too (the program never sees it either way). */
  readonly evaluateTest: boolean;
  readonly maxEpochs?: number;
  readonly patience?: number;
  readonly evalEvery?: number;
  readonly timeLimitSeconds?: number;
  readonly allowUnsandboxed?: boolean;
  readonly judge: JudgeSettings;
  /** One line of the tool's own progress, for the operator. */
  readonly report: (message: string) => void;
}

/**
 * Evaluates one program locally: the trainer trains it on the candidate view (prepared once,
 * cached) and exports its model; the judge, in a process of its own, scores that model on the
 * held-out validation users (and the test split when asked). A failed candidate is a result;
 * only a trainer that leaves no valid result behind throws.
 */
async function evaluateProgram(
  request: EvaluateProgramRequest,
  trainer: TrainerRunner,
  runJudge: ProcessJudge
): Promise<EvaluationOfRecord> {
  const { outDir, report } = request;
  const candidateView = await ensurePreparedView({ ...request, view: 'candidate' }, trainer);
  const judgeView = await ensurePreparedView({ ...request, view: 'judge' }, trainer);
  await mkdir(outDir, { recursive: true });
  // A stale result from an earlier run in the same directory must never pass for this one.
  await rm(join(outDir, METRICS_FILE), { force: true });
  report(`evaluating ${request.program} on ${request.dataset} into ${outDir}`);
  const exit = await trainer.run(runArgs({ ...request, data: candidateView, out: outDir }));
  const job = await readEvaluationResult(outDir, exit);
  if (job.status === 'failed') return evaluationOfRecord(job, {});
  const judged = async (split: JudgeSplit): Promise<JudgeResult> => {
    report(`judging ${split === 'val' ? 'validation' : 'test'} from ${join(outDir, 'model.onnx')}`);
    const verdict = await runJudge(
      {
        modelDir: outDir,
        viewDir: judgeView,
        split,
        maxModelBytes: request.judge.maxModelMb * 2 ** 20,
        ...(split === 'val' ? { jobMetrics: job.metrics } : {}),
      },
      request.judge
    );
    await writeFile(join(outDir, `judge-${split}.json`), `${JSON.stringify(verdict, null, 2)}\n`);
    return verdict;
  };
  const val = await judged('val');
  const test = request.evaluateTest && val.status === 'ok' ? await judged('test') : undefined;
  return evaluationOfRecord(job, { val, ...(test === undefined ? {} : { test }) });
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
