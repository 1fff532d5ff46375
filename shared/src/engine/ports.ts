import type { CandidateOutcome, RunState } from '../core/evolution/index.js';
import type { LlmExchange, StepUsage } from '../core/llm/index.js';
import type { ProgramFiles } from '../core/program/index.js';
import type { RunRecord, RunRecordChanges, RunStatus } from '../core/runs/index.js';

/** Directional feedback on a trained program: the text for the next prompt and its figures. */
interface ProgramFeedback {
  /** Assembled and bounded: the simulator's critique and the diagnosis report. */
  readonly text: string;
  /** `satisfaction`, `coverage`, …: archive features and Pareto objectives. */
  readonly figures: Readonly<Record<string, number>>;
  /** The program as kept: a rejected probes.js is replaced by the parent's. */
  readonly files: ProgramFiles;
  /** LLM calls of the simulated users and the interpreter, stored and costed with the program. */
  readonly exchanges: readonly LlmExchange[];
  /** Where rules stood in for an LLM (or the simulated users all failed), and why. */
  readonly llmFallbacks: readonly { readonly part: string; readonly reason: string }[];
}

/** Everything stored for one program: the outcome the run's state records, and its files. */
interface StoredProgram extends CandidateOutcome {
  readonly files: ProgramFiles;
  /** Every prompt and response that produced it, repairs included. */
  readonly exchanges: readonly LlmExchange[];
  /** Unified diff from the parent, for people reading the run. */
  readonly diffFromParent?: string;
}

/** A run's programs and state; idempotent writes, so a retried step stores nothing twice. */
interface RunStore {
  saveProgram(runId: string, program: StoredProgram): Promise<void>;
  /** The stored outcome of a program, or undefined when it was never saved. */
  loadOutcome(runId: string, programId: string): Promise<CandidateOutcome | undefined>;
  loadProgramFiles(runId: string, programId: string): Promise<ProgramFiles>;
  /** A stored program's diff from its parent; undefined for the seed or one never stored. */
  loadProgramDiff(runId: string, programId: string): Promise<string | undefined>;
  saveRunState(state: RunState): Promise<void>;
  loadRunState(runId: string): Promise<RunState | undefined>;
  listRunIds(): Promise<string[]>;
  /** Stores one Lambda invocation of a step, once per request id. */
  recordStepUsage(usage: StepUsage): Promise<void>;
  listStepUsage(runId: string): Promise<StepUsage[]>;
}

/**
 * Objects by key: S3 in the cloud, an S3-protocol server on loopback locally. Keys are
 * '/'-separated without a leading '/' (see `runKeys`).
 */
interface ObjectStore {
  put(key: string, body: string | Uint8Array): Promise<void>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Uint8Array | undefined>;
  /** Every key under the prefix, sorted; pages through the listing. */
  list(prefix: string): Promise<string[]>;
  /** `s3://<bucket>/<key>`, for messages and people. */
  uri(key: string): string;
  /**
   * A URL that lets whoever holds it GET or PUT this one object, and nothing else, until it
   * expires: how a training job, which holds no credentials, reads its inputs and writes its
   * outputs.
   */
  signedUrl(key: string, method: 'GET' | 'PUT', expiresInSeconds: number): Promise<string>;
}

/** One page of a listing and where the next one starts. */
interface RunPage {
  readonly runs: readonly RunRecord[];
  /** Opaque; absent on the last page. */
  readonly cursor?: string;
}

/**
 * The runs themselves, as the API and the CLI list and change them. Every change is a
 * conditional write (no transactions: the local stand-in has none).
 */
interface RunRegistry {
  /** Stores a new run; false when a run with its id exists already (nothing is changed). */
  createRun(record: RunRecord): Promise<boolean>;
  getRun(runId: string): Promise<RunRecord | undefined>;
  /** Newest first; one team's runs, or every team's when `team` is absent. */
  listRuns(query: {
    readonly team?: string;
    readonly limit?: number;
    readonly cursor?: string;
  }): Promise<RunPage>;
  /**
   * Applies the changes when the run exists and, if `fromStatuses` is given, its status is one
   * of them; returns the updated run, or undefined when the condition did not hold.
   */
  updateRun(
    runId: string,
    changes: RunRecordChanges,
    fromStatuses?: readonly RunStatus[]
  ): Promise<RunRecord | undefined>;
  /** How many of a team's runs have one of the statuses (admission counts `running`). */
  countRuns(team: string, statuses: readonly RunStatus[]): Promise<number>;
}

export type { ObjectStore, ProgramFeedback, RunPage, RunRegistry, RunStore, StoredProgram };
