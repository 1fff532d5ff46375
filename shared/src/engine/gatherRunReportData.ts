import pLimit from 'p-limit';
import { bestProgram } from '../core/archive/index.js';
import { comparisonSchema } from '../core/comparison/index.js';
import { evaluationResultSchema } from '../core/evaluation/index.js';
import { judgeResultSchema } from '../core/judging/index.js';
import { unifiedDiff } from '../core/program/index.js';
import type { ReportProgram, RunReportData } from '../core/report/index.js';
import { runKeys } from '../core/runs/index.js';
import { InvalidArgumentError } from '../errors.js';
import { diagnosisFeedbackSchema, simulationFeedbackSchema } from './modelFeedback.js';
import type { ObjectStore, RunStore } from './ports.js';
import { getJson } from './steps/storedObjects.js';

/** Programs read at once: each is a table item and a few objects. */
const READ_CONCURRENCY = 8;

interface ReportSources {
  readonly store: RunStore;
  readonly objects: ObjectStore;
  readonly now: () => Date;
}

/** The best program's test figures, or why there are none. */
interface FinalEvaluation {
  readonly test?: Readonly<Record<string, number>>;
  readonly note?: string;
}

/**
 * The judge's test verdict on a program (the final evaluation), or a note saying why there is
 * none: `missing` when the verdict was never written.
 */
async function finalEvaluationOf(
  objects: ObjectStore,
  runId: string,
  programId: string | undefined,
  missing: string
): Promise<FinalEvaluation> {
  const verdict =
    programId === undefined
      ? undefined
      : await getJson(objects, runKeys(runId).finalJudge(programId), judgeResultSchema);
  if (verdict?.status === 'ok') return { test: verdict.metrics };
  if (verdict?.status === 'failed') {
    return { note: `failed: ${verdict.error.kind}: ${verdict.error.message}` };
  }
  return { note: missing };
}

/**
 * One program as the report shows it: its record and diff (kept with the run), its feedback
 * parts and its job's curve (work objects, which expire: absent then).
 */
async function reportProgram(
  sources: ReportSources,
  runId: string,
  programId: string
): Promise<ReportProgram> {
  const { store, objects } = sources;
  const keys = runKeys(runId);
  const outcome = await store.loadOutcome(runId, programId);
  if (outcome === undefined) {
    throw new InvalidArgumentError(`program ${programId} of run ${runId} has no stored outcome`);
  }
  const { record } = outcome;
  // The attempt that trained: each repair follows one failed attempt.
  const attempt = record.repairs.length + 1;
  const [diffFromParent, simulation, diagnosis, job] = await Promise.all([
    store.loadProgramDiff(runId, programId),
    getJson(objects, keys.feedback(programId, 'simulation'), simulationFeedbackSchema),
    getJson(objects, keys.feedback(programId, 'diagnosis'), diagnosisFeedbackSchema),
    record.status === 'ok'
      ? getJson(objects, keys.attemptMetrics(programId, attempt), evaluationResultSchema)
      : undefined,
  ]);
  return {
    record,
    ...(diffFromParent === undefined ? {} : { diffFromParent }),
    ...(simulation === undefined ? {} : { simulation }),
    ...(diagnosis === undefined ? {} : { diagnosis }),
    ...(job === undefined ? {} : { curve: job.curve }),
  };
}

/**
 * Everything the run's page shows, read once from the store and the bucket. `final` is the final
 * evaluation when the caller knows it (Finalize); otherwise the best program's test verdict is
 * read, if there is one.
 */
async function gatherRunReportData(
  sources: ReportSources,
  runId: string,
  final?: FinalEvaluation
): Promise<RunReportData> {
  const { store, objects } = sources;
  const state = await store.loadRunState(runId);
  if (state === undefined) throw new InvalidArgumentError(`run ${runId} has no state`);
  const limit = pLimit(READ_CONCURRENCY);
  const bestId = bestProgram(state.archive)?.programId;
  const [programs, stepUsage, comparison, finalEvaluation] = await Promise.all([
    Promise.all(state.programs.map(({ id }) => limit(() => reportProgram(sources, runId, id)))),
    store.listStepUsage(runId),
    getJson(objects, runKeys(runId).comparison, comparisonSchema),
    final ??
      finalEvaluationOf(
        objects,
        runId,
        bestId,
        state.status === 'finished' ? 'not available' : 'not yet: the run goes on'
      ),
  ]);
  const bestDiffFromSeed =
    bestId === undefined || bestId === state.seedProgramId
      ? undefined
      : unifiedDiff(
          await store.loadProgramFiles(runId, state.seedProgramId),
          await store.loadProgramFiles(runId, bestId)
        );
  return {
    state,
    programs,
    ...(bestDiffFromSeed === undefined ? {} : { bestDiffFromSeed }),
    final: finalEvaluation,
    stepUsage,
    ...(comparison === undefined ? {} : { comparison }),
    generatedAt: sources.now().toISOString(),
  };
}

export type { FinalEvaluation, ReportSources };
export { finalEvaluationOf, gatherRunReportData };
