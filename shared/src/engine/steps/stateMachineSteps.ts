import { z } from 'zod';
import { runIdSchema } from '../../core/runs/index.js';
import { checkTraining } from './checkTraining.js';
import { failRun } from './failRun.js';
import { feedbackStep } from './feedbackStep.js';
import { finalize } from './finalize.js';
import { judge } from './judge.js';
import { propose } from './propose.js';
import { record } from './record.js';
import { recordFailure } from './recordFailure.js';
import { recordGenerationStep } from './recordGeneration.js';
import { startRun } from './startRun.js';
import {
  candidateFailureInputSchema,
  candidateInputSchema,
  failRunInputSchema,
  feedbackInputSchema,
  finalizeInputSchema,
  judgeInputSchema,
  runInputSchema,
  trainedAttemptSchema,
} from './stepPayloads.js';
import type { StepServices } from './stepServices.js';

/** One Lambda-backed state: its function's folder, its event's schema, what it runs. */
interface StateMachineStep<Schema extends z.ZodType = z.ZodType> {
  /** `functions/<functionName>/handler.ts`. */
  readonly functionName: string;
  readonly schema: Schema;
  readonly run: (input: z.output<Schema>, services: StepServices) => Promise<unknown>;
}

function step<Schema extends z.ZodType>(definition: StateMachineStep<Schema>): StateMachineStep {
  return definition as unknown as StateMachineStep;
}

const generationInputSchema = z.object({ runId: runIdSchema, generation: z.int().min(0) }).loose();

/**
 * The state machine's Lambda states by state name: the CDK definition names its states so, each
 * function's handler runs its entry, and the local runner maps the same names to the same entries.
 * The judge's function serves two states, a candidate's validation and the final test, with one
 * payload schema told apart by its split.
 */
const STATE_MACHINE_STEPS = {
  StartRun: step({
    functionName: 'start-run',
    schema: runInputSchema,
    run: (input, services) => startRun(input.runId, services),
  }),
  Propose: step({ functionName: 'propose', schema: candidateInputSchema, run: propose }),
  Judge: step({ functionName: 'judge', schema: judgeInputSchema, run: judge }),
  CheckTraining: step({
    functionName: 'check-training',
    schema: trainedAttemptSchema,
    run: checkTraining,
  }),
  Simulate: step({
    functionName: 'simulate',
    schema: feedbackInputSchema,
    run: (input, services) => feedbackStep('simulation', input, services),
  }),
  Diagnose: step({
    functionName: 'diagnose',
    schema: feedbackInputSchema,
    run: (input, services) => feedbackStep('diagnosis', input, services),
  }),
  Record: step({ functionName: 'record', schema: feedbackInputSchema, run: record }),
  RecordFailure: step({
    functionName: 'record-failure',
    schema: candidateFailureInputSchema,
    run: recordFailure,
  }),
  RecordGeneration: step({
    functionName: 'record-generation',
    schema: generationInputSchema,
    run: recordGenerationStep,
  }),
  FinalEvaluation: step({ functionName: 'judge', schema: judgeInputSchema, run: judge }),
  Finalize: step({ functionName: 'finalize', schema: finalizeInputSchema, run: finalize }),
  FailRun: step({ functionName: 'fail-run', schema: failRunInputSchema, run: failRun }),
} as const satisfies Record<string, StateMachineStep>;

type StateMachineStepName = keyof typeof STATE_MACHINE_STEPS;

/** The Batch `.sync` state, which runs the trainer rather than a Lambda. */
const TRAINING_JOB_STATES = ['Train'] as const;

export type { StateMachineStep, StateMachineStepName };
export { STATE_MACHINE_STEPS, TRAINING_JOB_STATES };
