import type { EvaluationResult } from '../../core/evaluation/index.js';
import { evaluationResultSchema } from '../../core/evaluation/index.js';
import type { CandidateOutcome, RunState } from '../../core/evolution/index.js';
import type { JudgeResult } from '../../core/judging/index.js';
import { judgeResultSchema } from '../../core/judging/index.js';
import type { ProgramFiles } from '../../core/program/index.js';
import { runKeys } from '../../core/runs/index.js';
import { InvalidArgumentError } from '../../errors.js';
import type { CandidateDraft } from './candidateDraft.js';
import { loadDraft } from './candidateDraft.js';
import { requireRunState } from './runStateOf.js';
import type { StepServices } from './stepServices.js';
import { getJson, getProgramFiles } from './storedObjects.js';

/**
 * One candidate as a step sees it: every key of it in one place, and each thing a step reads
 * loaded at its first use and kept for the rest of the step, so no step reads anything twice.
 */
function candidateContext(
  services: StepServices,
  candidate: { readonly runId: string; readonly programId: string }
) {
  const { runId, programId } = candidate;
  const { store, objects } = services;
  const all = runKeys(runId);
  const keys = {
    draft: all.draft(programId),
    attemptProgram: (attempt: number) => all.attemptProgram(programId, attempt),
    attemptJob: (attempt: number) => all.attemptJob(programId, attempt),
    attemptOut: (attempt: number) => all.attemptOut(programId, attempt),
    jobResult: (attempt: number) => all.attemptMetrics(programId, attempt),
    judgeResult: (attempt: number) => all.attemptJudge(programId, attempt),
    feedback: (part: 'simulation' | 'diagnosis') => all.feedback(programId, part),
    model: all.programModel(programId),
  };
  const cached = <T>(load: () => Promise<T>): (() => Promise<T>) => {
    let value: Promise<T> | undefined;
    return () => {
      value ??= load();
      return value;
    };
  };
  const perAttempt = <T>(load: (attempt: number) => Promise<T>) => {
    const values = new Map<number, Promise<T>>();
    return (attempt: number) => {
      let value = values.get(attempt);
      if (value === undefined) {
        value = load(attempt);
        values.set(attempt, value);
      }
      return value;
    };
  };
  const draft = cached(() => loadDraft(objects, runId, programId));
  const context = {
    runId,
    programId,
    keys,
    services,
    outcome: cached(
      (): Promise<CandidateOutcome | undefined> => store.loadOutcome(runId, programId)
    ),
    state: cached((): Promise<RunState> => requireRunState(services, runId)),
    draft,
    requireDraft: async (): Promise<CandidateDraft> => {
      const found = await draft();
      if (found === undefined) throw new InvalidArgumentError(`${programId} has no draft`);
      return found;
    },
    attemptFiles: perAttempt(
      (attempt): Promise<ProgramFiles> => getProgramFiles(objects, keys.attemptProgram(attempt))
    ),
    parentFiles: cached(async (): Promise<ProgramFiles | undefined> => {
      const parentId = (await draft())?.parentId;
      return parentId === undefined || parentId === null
        ? undefined
        : store.loadProgramFiles(runId, parentId);
    }),
    jobResult: perAttempt(
      (attempt): Promise<EvaluationResult | undefined> =>
        getJson(objects, keys.jobResult(attempt), evaluationResultSchema)
    ),
    judgeResult: perAttempt(
      (attempt): Promise<JudgeResult | undefined> =>
        getJson(objects, keys.judgeResult(attempt), judgeResultSchema)
    ),
  };
  return context;
}

type CandidateContext = ReturnType<typeof candidateContext>;

export type { CandidateContext };
export { candidateContext };
