import type { EvaluationResult } from '../core/evaluation/index.js';
import type { CandidateOutcome, RunState } from '../core/evolution/index.js';
import type { LlmExchange } from '../core/llm/index.js';
import type { ProgramFiles } from '../core/program/index.js';

/** Trains and scores one program on the validation split; a failed candidate is a result. */
interface CandidateTrainer {
  evaluate(request: {
    readonly programId: string;
    /** 1 for the proposal, 2… for its repairs: each attempt gets its own output. */
    readonly attempt: number;
    readonly files: ProgramFiles;
  }): Promise<EvaluationResult>;
  /** Where an attempt's trained model (model.onnx, model.json) lies: a folder or an S3 prefix. */
  modelLocation(request: { readonly programId: string; readonly attempt: number }): string;
}

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
}

/** Simulates users and diagnoses a trained program (the simulate and diagnose steps). */
interface FeedbackSource {
  feedbackFor(request: {
    readonly programId: string;
    readonly files: ProgramFiles;
    /** The parent's files (absent for the seed): its probes.js stays if the new one fails. */
    readonly parentFiles?: ProgramFiles;
    readonly evaluation: EvaluationResult & { readonly status: 'ok' };
    readonly modelLocation: string;
  }): Promise<ProgramFeedback>;
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
  saveRunState(state: RunState): Promise<void>;
  loadRunState(runId: string): Promise<RunState | undefined>;
  listRunIds(): Promise<string[]>;
}

export type { CandidateTrainer, FeedbackSource, ProgramFeedback, RunStore, StoredProgram };
