import type { RunConfig } from '../../core/evolution/index.js';
import type { ProgramFiles } from '../../core/program/index.js';
import type { DiagnosisFeedback, SimulationFeedback } from '../modelFeedback.js';

/** A trained candidate as the feedback steps see it: its model's prefix and its files. */
interface TrainedProgram {
  readonly config: RunConfig;
  /** The prefix holding the attempt's model.onnx and model.json. */
  readonly modelPrefix: string;
  readonly files: ProgramFiles;
  readonly parentFiles?: ProgramFiles;
}

/** The Parallel state's two branches on one trained candidate. */
interface FeedbackSteps {
  simulate(program: TrainedProgram): Promise<SimulationFeedback>;
  diagnose(program: TrainedProgram): Promise<DiagnosisFeedback>;
}

export type { FeedbackSteps, TrainedProgram };
