import type { RunConfig } from '../../core/evolution/index.js';
import type { JudgeResult, JudgeSplit } from '../../core/judging/index.js';

/** One exported model for the judge to score, where it lies in the bucket. */
interface JudgeOrder {
  readonly config: RunConfig;
  /** The prefix holding model.onnx and model.json. */
  readonly modelPrefix: string;
  readonly split: JudgeSplit;
  /** The job's own validation figures, to check against the judge's. */
  readonly jobMetrics?: Readonly<Record<string, number>>;
}

/**
 * Port: the trusted judge. It scores a model (data, never the program's code) in a process of
 * its own with its own limits; the model's faults come back as a failed verdict, not a throw.
 */
interface ModelJudge {
  judge(order: JudgeOrder): Promise<JudgeResult>;
}

export type { JudgeOrder, ModelJudge };
