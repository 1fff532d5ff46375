import type { Comparison } from '../comparison/index.js';
import type { CurvePoint } from '../evaluation/index.js';
import type { ProgramRecord, RunState } from '../evolution/index.js';
import type { StepUsage } from '../llm/index.js';

/** The simulated users' verdict on a program, as the Simulate step stored it. */
interface ReportSimulation {
  /** Absent when every simulated user failed; `failure` says why. */
  readonly simulator?: {
    readonly status: string;
    readonly summary: string;
    readonly failureModes: readonly string[];
  };
  readonly failure?: string;
  /** Why rules stood in for the LLM aggregator. */
  readonly fallback?: string;
  readonly figures: Readonly<Record<string, number>>;
}

/** The diagnosis of a program, as the Diagnose step stored it. */
interface ReportDiagnosis {
  readonly diagnosis: {
    readonly status: string;
    readonly findings: readonly string[];
    readonly figures: Readonly<Record<string, number>>;
  };
  /** The program's probes.js figures, and why a proposed one was rejected or lost figures. */
  readonly probes?: {
    readonly figures: Readonly<Record<string, number>>;
    readonly rejection?: string;
    readonly dropped?: readonly string[];
  };
}

/** One program of the run and what was kept of it; work objects may have expired. */
interface ReportProgram {
  readonly record: ProgramRecord;
  /** Unified diff from its parent (stored with the program). */
  readonly diffFromParent?: string;
  readonly simulation?: ReportSimulation;
  readonly diagnosis?: ReportDiagnosis;
  /** The training job's own curve (its tuning users), from its attempt's metrics.json. */
  readonly curve?: readonly CurvePoint[];
}

/**
 * Everything the run's page shows, gathered once from the store and the bucket: the state, every
 * program's record with its diff and feedback, the best program's diff against the seed, the
 * final evaluation, and every step's metered invocation.
 */
interface RunReportData {
  readonly state: RunState;
  readonly programs: readonly ReportProgram[];
  /** Unified diff from the seed to the best program; absent when the seed is the best. */
  readonly bestDiffFromSeed?: string;
  readonly final: {
    readonly test?: Readonly<Record<string, number>>;
    readonly note?: string;
  };
  readonly stepUsage: readonly StepUsage[];
  /** The strategy comparison the run took part in, once `evolverec compare` stored it. */
  readonly comparison?: Comparison;
  /** When the data was gathered (ISO). */
  readonly generatedAt: string;
}

export type { ReportDiagnosis, ReportProgram, ReportSimulation, RunReportData };
