import type { Context } from 'aws-lambda';
import type { RunOptions, StateMachineDefinition } from 'aws-local-stepfunctions';
import pLimit from 'p-limit';
import { stepMemoryMb, stepTimeoutSeconds } from '../infra/lib/functions/pipeline-functions.js';
import type { StateMachineStepName, StepServices } from '../shared/src/engine/index.js';
import { STATE_MACHINE_STEPS } from '../shared/src/engine/index.js';
import { InvalidArgumentError } from '../shared/src/errors.js';
import { lambdaStep } from '../shared/src/lambda/stepHandler.js';
import { ExecutionError, StateMachine } from './aslInterpreter.js';
import type { SubmitJobRequest } from './localTrainingJobs.js';

/** A local task handler as the interpreter types it. */
type LocalTaskHandler = NonNullable<
  NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>[string]
>;
type JSONValue = Parameters<LocalTaskHandler>[0];

/**
 * How one candidate's time went: in its training jobs, waiting for a training slot, and
 * everywhere else (orchestration: the steps, storage and the interpreter), of which the feedback
 * steps (simulated users, diagnosis, probes) are one part.
 */
interface CandidateTiming {
  readonly programId: string;
  readonly trainSeconds: number;
  readonly queuedSeconds: number;
  readonly orchestrationSeconds: number;
  readonly feedbackSeconds: number;
  /** Seconds in each Lambda state, summed over its calls. */
  readonly stepSeconds: Readonly<Record<string, number>>;
}

interface LocalExecutionRequest {
  readonly runId: string;
  /** The synthesised ASL (see infra's synthesiseEvolutionDefinition). */
  readonly definition: object;
  readonly services: StepServices;
  /** The Batch `.sync` states' stand-in. */
  readonly trainingJob: (request: SubmitJobRequest) => Promise<unknown>;
  /** Training jobs at once (a laptop trains one at a time); others wait for a slot. */
  readonly parallelJobs?: number;
  /** Called as each candidate is done, with what it cost in time. */
  readonly onCandidate?: (timing: CandidateTiming, output: unknown) => void | Promise<void>;
  /** Stops the execution as a killed process would: a new execution resumes the run. */
  readonly signal?: AbortSignal;
  /** Called after each Lambda state with its name, input and output. */
  readonly onStep?: (state: string, input: unknown, output: unknown) => void | Promise<void>;
  /** Each function's time limit in seconds; the deployed functions' by default (tests shorten it). */
  readonly stepTimeoutSeconds?: (functionName: string) => number;
}

/**
 * What Lambda reports when a function runs past its limit; Step Functions sees it as the
 * state's error, which is not among the errors a retry cannot cure.
 */
class LambdaTimeoutError extends Error {
  constructor(functionName: string, seconds: number) {
    super(`${functionName}: Task timed out after ${seconds.toFixed(2)} seconds`);
    this.name = 'Sandbox.Timedout';
  }
}

/**
 * A Lambda context for in-process calls: Powertools reads its names, the cost meter its memory
 * (the deployed function's, so a local run's Lambda costs are what AWS would bill), the step its
 * time left (the deployed function's limit, so a step's LLM calls fit it here as in AWS).
 */
function localContext(functionName: string, deadlineMs: number): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: String(stepMemoryMb(functionName)),
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/local/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadlineMs - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/**
 * Runs the state machine the stack deploys with a real ASL interpreter, in-process: every Lambda
 * state calls the same handler its function runs in AWS (middy, Powertools, the step's schema),
 * on the local services; the Batch states call the training job's stand-in. Each candidate's time
 * outside its training jobs is measured from its first step to its last.
 */
async function runLocalExecution(request: LocalExecutionRequest): Promise<unknown> {
  const { services } = request;
  quietPowertools();
  const candidates = new Map<
    string,
    { start: number; trainMs: number; queuedMs: number; stepMs: Record<string, number> }
  >();
  const candidateOf = (input: unknown) => {
    const programId = (input as { programId?: unknown }).programId;
    return typeof programId === 'string' ? programId : undefined;
  };
  const handlers: Record<string, (input: JSONValue) => Promise<JSONValue>> = {};
  for (const name of Object.keys(STATE_MACHINE_STEPS) as StateMachineStepName[]) {
    const handler = lambdaStep(name, async () => services);
    handlers[name] = async (input) => {
      const programId = candidateOf(input);
      if (programId !== undefined && name === 'Propose') {
        candidates.set(programId, {
          start: performance.now(),
          trainMs: 0,
          queuedMs: 0,
          stepMs: {},
        });
      }
      const started = performance.now();
      const { functionName } = STATE_MACHINE_STEPS[name];
      const limitSeconds = (request.stepTimeoutSeconds ?? stepTimeoutSeconds)(functionName);
      const output = await withinLimit(
        functionName,
        limitSeconds,
        handler(input, localContext(functionName, Date.now() + limitSeconds * 1000))
      );
      const candidate = programId === undefined ? undefined : candidates.get(programId);
      if (candidate !== undefined) {
        candidate.stepMs[name] = (candidate.stepMs[name] ?? 0) + performance.now() - started;
      }
      await request.onStep?.(name, input, output);
      if (programId !== undefined && candidate !== undefined && isCandidateEnd(name, output)) {
        candidates.delete(programId);
        await request.onCandidate?.(timingOf(programId, candidate), output);
      }
      return output as JSONValue;
    };
  }
  const slots = pLimit(request.parallelJobs ?? 1);
  const trainingJob = async (input: JSONValue): Promise<JSONValue> => {
    const job = input as unknown as SubmitJobRequest;
    const programId = /-(g\d{3}-[a-z0-9]+)-a\d+$/.exec(job.JobName)?.[1];
    const queued = performance.now();
    return slots(async () => {
      const started = performance.now();
      try {
        return (await request.trainingJob(job)) as JSONValue;
      } finally {
        const candidate = programId === undefined ? undefined : candidates.get(programId);
        if (candidate !== undefined) {
          candidate.queuedMs += started - queued;
          candidate.trainMs += performance.now() - started;
        }
      }
    });
  };
  const machine = new StateMachine(
    withToleratedMapFailures(withAwsTaskTimeouts(request.definition)) as StateMachineDefinition,
    {
      validationOptions: { checkArn: false },
    }
  );
  const execution = machine.run(
    { runId: request.runId },
    {
      overrides: {
        taskResourceLocalHandlers: { ...handlers, Train: trainingJob },
      },
      noThrowOnAbort: true,
    }
  );
  request.signal?.addEventListener('abort', () => execution.abort(), { once: true });
  try {
    return await execution.result;
  } catch (error) {
    // A run that ends in the Fail state has recorded why (FailRun); its output is that error.
    if (error instanceof ExecutionError) return { failed: error.message };
    throw error;
  }
}

/**
 * Lambda's time limit, as AWS enforces it: past it the invocation fails with Sandbox.Timedout,
 * whatever the handler was doing. A process cannot freeze a promise as Lambda freezes its
 * sandbox, so the handler's work may go on in the background; the steps are idempotent, and
 * their LLM calls stop at the same deadline.
 */
async function withinLimit<T>(functionName: string, seconds: number, run: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(functionName, seconds)), seconds * 1000);
  });
  try {
    return await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Powertools writes JSON logs and EMF metrics to stdout, which a Lambda ships to CloudWatch; in the
 * local runner they would bury its progress lines. Read when the handlers are built; a variable
 * already set wins, so `POWERTOOLS_LOG_LEVEL=DEBUG evolverec run …` shows them.
 */
function quietPowertools(): void {
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
  process.env.POWERTOOLS_TRACE_ENABLED ??= 'false';
}

function timingOf(
  programId: string,
  candidate: { start: number; trainMs: number; queuedMs: number; stepMs: Record<string, number> }
): CandidateTiming {
  const totalMs = performance.now() - candidate.start;
  const stepSeconds = Object.fromEntries(
    Object.entries(candidate.stepMs).map(([state, ms]) => [state, ms / 1000])
  );
  return {
    programId,
    trainSeconds: candidate.trainMs / 1000,
    queuedSeconds: candidate.queuedMs / 1000,
    orchestrationSeconds: (totalMs - candidate.trainMs - candidate.queuedMs) / 1000,
    // The Parallel state runs both at once; the slower one is what the candidate waits for.
    feedbackSeconds: Math.max(stepSeconds.Simulate ?? 0, stepSeconds.Diagnose ?? 0),
    stepSeconds,
  };
}

/**
 * Step Functions lets a Task without TimeoutSeconds run for a year; the interpreter's timer
 * takes at most 2^31 − 1 ms (a larger delay fires at once), about 24.8 days.
 */
const UNBOUNDED_TASK_TIMEOUT_SECONDS = 2_147_483;

/**
 * The definition with AWS's (unbounded) default in every Task that has no TimeoutSeconds:
 * aws-local-stepfunctions gives such a Task 60 s, which would fail any real training job. The
 * jobs and the Lambdas are bounded by their own limits, as in AWS.
 */
function withAwsTaskTimeouts(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withAwsTaskTimeouts);
  if (node === null || typeof node !== 'object') return node;
  const copy = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withAwsTaskTimeouts(value)])
  );
  const isTask = copy.Type === 'Task' && typeof copy.Resource === 'string';
  if (isTask && copy.TimeoutSeconds === undefined && copy.TimeoutSecondsPath === undefined) {
    copy.TimeoutSeconds = UNBOUNDED_TASK_TIMEOUT_SECONDS;
  }
  return copy;
}

/**
 * aws-local-stepfunctions 3 ignores a Map's ToleratedFailurePercentage: one failed item fails
 * the Map. The same semantics for the one tolerance the definition uses (100 %), in plain ASL:
 * each item's processor runs as the only branch of a Parallel whose Catch ends the item in a
 * Succeed. Any other tolerance is refused rather than run differently than in AWS.
 */
function withToleratedMapFailures(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withToleratedMapFailures);
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withToleratedMapFailures(value)])
  );
  const tolerance = copy.ToleratedFailurePercentage;
  if (copy.Type !== 'Map' || tolerance === undefined) return copy;
  if (tolerance !== 100) {
    throw new InvalidArgumentError(
      `the local runner tolerates 100 % of a Map's failed items, not ${String(tolerance)} %`
    );
  }
  const { ToleratedFailurePercentage: _tolerance, ItemProcessor, ...map } = copy;
  const processor = ItemProcessor as { StartAt: string; States: unknown };
  return {
    ...map,
    ItemProcessor: {
      ...processor,
      StartAt: 'Item',
      States: {
        Item: {
          Type: 'Parallel',
          Branches: [{ StartAt: processor.StartAt, States: processor.States }],
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'ItemFailed' }],
          End: true,
        },
        ItemFailed: { Type: 'Succeed' },
      },
    },
  };
}

/**
 * A candidate's path ends at Record or RecordFailure, or at Propose or CheckTraining when they
 * say `done`.
 */
function isCandidateEnd(state: string, output: unknown): boolean {
  if (state === 'Record' || state === 'RecordFailure') return true;
  const next = (output as { next?: unknown }).next;
  return (state === 'Propose' || state === 'CheckTraining') && next === 'done';
}

export type { CandidateTiming, LocalExecutionRequest };
export { runLocalExecution };
