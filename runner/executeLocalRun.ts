import type { Writable } from 'node:stream';
import { createTrainerProcess } from '../shared/src/adapters/index.js';
import { withoutSecrets } from '../shared/src/adapters/withoutSecrets.js';
import { runKeys } from '../shared/src/core/runs/index.js';
import type { FeedbackSteps, ModelJudge, RunProgress } from '../shared/src/engine/index.js';
import { getJson, simulationFeedbackSchema } from '../shared/src/engine/index.js';
import type { LocalEnv } from '../shared/src/local/index.js';
import { repoRoot, resolvePython } from '../shared/src/local/index.js';
import type { LocalCloud } from './localCloud.js';
import { createLocalStepServices } from './localStepServices.js';
import type { SubmitJobRequest } from './localTrainingJobs.js';
import { createLocalTrainingJobs } from './localTrainingJobs.js';
import type { CandidateTiming } from './runLocalExecution.js';
import { runLocalExecution } from './runLocalExecution.js';

interface LocalRunRequest {
  readonly runId: string;
  readonly cloud: LocalCloud;
  readonly definition: object;
  readonly stateDir: string;
  readonly env: LocalEnv;
  /** Training jobs at once; a laptop trains one at a time by default. */
  readonly parallelJobs?: number;
  /** Let jobs run program code where no sandbox can start (the user's explicit choice). */
  readonly allowUnsandboxed?: boolean;
  /** Where the trainer's own output goes. */
  readonly trainerProgress: Writable;
  readonly report: (line: string) => void;
  /** The candidates of the generation going on: done of total, as each is done. */
  readonly countCandidates?: (done: number, total: number) => void;
  /** The simulated users of the candidate being given feedback: done of total. */
  readonly countSimulatedUsers?: (done: number, total: number) => void;
  /** Tests replace the training job, the feedback and the judge; runs use the real ones. */
  readonly trainingJob?: (request: SubmitJobRequest) => Promise<unknown>;
  readonly feedback?: FeedbackSteps;
  readonly judge?: ModelJudge;
  readonly signal?: AbortSignal;
  /** Each function's time limit in seconds; the deployed functions' by default. */
  readonly stepTimeoutSeconds?: (functionName: string) => number;
}

/** What a local execution leaves: its final output and each candidate's timing. */
interface LocalRunResult {
  readonly output: unknown;
  readonly timings: readonly CandidateTiming[];
}

/**
 * Runs (or resumes) one run's execution on this machine with progress lines: each candidate as it
 * is done, with its training and orchestration seconds, its simulated users' seconds each, and
 * each generation as it is recorded. The LLM clients (connections, a loaded model) are closed
 * when the execution ends, however it ends, so the process can exit.
 */
async function executeLocalRun(request: LocalRunRequest): Promise<LocalRunResult> {
  const { cloud, runId, report } = request;
  const services = createLocalStepServices(cloud, {
    stateDir: request.stateDir,
    env: request.env,
    ...(request.feedback === undefined ? {} : { feedback: request.feedback }),
    ...(request.judge === undefined ? {} : { judge: request.judge }),
    ...(request.countSimulatedUsers === undefined
      ? {}
      : { onSimulatedUser: request.countSimulatedUsers }),
  });
  const trainer = createTrainerProcess({
    python: resolvePython(request.env),
    progress: request.trainerProgress,
    cwd: repoRoot,
    env: withoutSecrets(request.env),
  });
  const trainingJob =
    request.trainingJob ??
    createLocalTrainingJobs(trainer, { allowUnsandboxed: request.allowUnsandboxed ?? false });
  const timings: CandidateTiming[] = [];
  let generation = { done: 0, total: 0 };
  try {
    const output = await runLocalExecution({
      runId,
      definition: request.definition,
      services,
      trainingJob,
      ...(request.parallelJobs === undefined ? {} : { parallelJobs: request.parallelJobs }),
      ...(request.signal === undefined ? {} : { signal: request.signal }),
      ...(request.stepTimeoutSeconds === undefined
        ? {}
        : { stepTimeoutSeconds: request.stepTimeoutSeconds }),
      onCandidate: async (timing) => {
        timings.push(timing);
        generation = { ...generation, done: generation.done + 1 };
        request.countCandidates?.(generation.done, generation.total);
        const outcome = await cloud.store.loadOutcome(runId, timing.programId);
        const record = outcome?.record;
        const result =
          record === undefined
            ? 'not proposed (budget spent)'
            : record.status === 'ok'
              ? `ok, val_ndcg@10 ${(record.metrics['val_ndcg@10'] ?? Number.NaN).toFixed(4)}`
              : `failed at ${record.failure?.stage}: ${firstLine(record.failure?.reason ?? '')}`;
        const steps = timing.orchestrationSeconds - timing.feedbackSeconds;
        report(
          `${timing.programId}${record?.parentId ? ` (parent ${record.parentId})` : ''}: ${result} · train ${timing.trainSeconds.toFixed(1)} s · orchestration ${timing.orchestrationSeconds.toFixed(2)} s (feedback ${timing.feedbackSeconds.toFixed(2)} s, the rest ${steps.toFixed(2)} s)`
        );
      },
      onStep: async (state, input, output) => {
        if (state === 'StartRun' || state === 'RecordGeneration') {
          const progress = output as RunProgress;
          report(describeProgress(state, input, progress));
          if (progress.next === 'generation') {
            generation = { done: 0, total: progress.candidates.length };
            request.countCandidates?.(0, generation.total);
          }
        }
        if (state === 'Simulate') {
          const { programId } = input as { programId: string };
          const simulation = await getJson(
            cloud.objects,
            runKeys(runId).feedback(programId, 'simulation'),
            simulationFeedbackSchema
          );
          const timing = simulation?.timing;
          if (timing !== undefined && timing.users > 0) {
            report(
              `${programId}: ${timing.users} simulated user(s) in ${timing.seconds.toFixed(1)} s, ${(timing.seconds / timing.users).toFixed(2)} s per user, ${timing.llmCalls} LLM call(s)${timing.failedUsers > 0 ? `, ${timing.failedUsers} failed` : ''}`
            );
          }
        }
      },
    });
    return { output, timings };
  } finally {
    await services.close();
  }
}

function describeProgress(state: string, input: unknown, progress: RunProgress): string {
  const recorded =
    state === 'RecordGeneration'
      ? `generation ${(input as { generation: number }).generation} recorded; `
      : '';
  if (progress.next === 'generation') {
    return `${recorded}generation ${progress.generation}: ${progress.candidates.length} candidate(s)`;
  }
  if (progress.next === 'finalize')
    return `${recorded}final evaluation of ${progress.final.programId}`;
  return `${recorded}the run failed: ${progress.reason}`;
}

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 160 ? `${line.slice(0, 160)}…` : line;
}

export type { LocalRunRequest, LocalRunResult };
export { executeLocalRun };
