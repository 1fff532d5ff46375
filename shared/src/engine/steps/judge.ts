import { judgeResultSchema } from '../../core/judging/index.js';
import { runKeys } from '../../core/runs/index.js';
import { candidateContext } from './candidateContext.js';
import { requireRunState } from './runStateOf.js';
import type { JudgeInput } from './stepPayloads.js';
import type { StepServices } from './stepServices.js';
import { getJson, putJson } from './storedObjects.js';

/** What the Judge and FinalEvaluation states return: enough for the execution's history. */
interface JudgeOutput {
  readonly programId: string;
  /** ok or failed when the judge gave a verdict; `skipped` when there was no model to judge. */
  readonly verdict: 'ok' | 'failed' | 'skipped';
}

/**
 * The trusted judge, as two states of the machine. `Judge` scores a candidate attempt's
 * exported model on the validation split once its job succeeded (a failed job has nothing to
 * judge; CheckTraining reads its reason); `FinalEvaluation` scores the best program's stored
 * model on the test split. Its verdict is written once: a retried step reads it back.
 */
async function judge(input: JudgeInput, services: StepServices): Promise<JudgeOutput> {
  const { objects } = services;
  const { programId } = input;
  if (input.split === 'test') {
    const key = runKeys(input.runId).finalJudge(programId);
    const known = await getJson(objects, key, judgeResultSchema);
    if (known !== undefined) return { programId, verdict: known.status };
    const state = await requireRunState(services, input.runId);
    const verdict = await services.judge.judge({
      config: state.config,
      modelPrefix: runKeys(input.runId).programModel(programId),
      split: 'test',
    });
    await putJson(objects, key, verdict);
    return { programId, verdict: verdict.status };
  }
  const context = candidateContext(services, input);
  const existing = await context.judgeResult(input.attempt);
  if (existing !== undefined) return { programId, verdict: existing.status };
  const job = await context.jobResult(input.attempt);
  if (job?.status !== 'ok' || (await context.outcome()) !== undefined) {
    return { programId, verdict: 'skipped' };
  }
  const state = await context.state();
  const verdict = await services.judge.judge({
    config: state.config,
    modelPrefix: context.keys.attemptOut(input.attempt),
    split: 'val',
    jobMetrics: job.metrics,
  });
  await putJson(objects, context.keys.judgeResult(input.attempt), verdict);
  return { programId, verdict: verdict.status };
}

export type { JudgeOutput };
export { judge };
