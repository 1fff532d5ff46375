import { z } from 'zod';
import { runIdSchema } from '../../core/runs/index.js';

/**
 * The state machine's payloads: ids, attempt numbers and the training job's command, never code,
 * prompts or tensors (a state's input and output are limited to 256 KB). Every handler parses its
 * event with these, so a definition and its handlers cannot drift apart silently.
 */
const programIdSchema = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);

/** What a Batch `.sync` task submits: the job's name and the trainer's arguments after `run`. */
const trainingJobSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/),
    command: z.array(z.string()),
  })
  .strict();

/** An error caught by a Catch (`Error`, `Cause`), passed on to the step that records it. */
const caughtErrorSchema = z.object({ Error: z.string(), Cause: z.string().optional() }).loose();

const runInputSchema = z.object({ runId: runIdSchema }).loose();

/** What StartRun and RecordGeneration return, read by the NextStep choice. */
const runProgressSchema = z.discriminatedUnion('next', [
  z
    .object({
      runId: runIdSchema,
      next: z.literal('generation'),
      generation: z.int().min(0),
      candidates: z.array(programIdSchema),
    })
    .strict(),
  z
    .object({
      runId: runIdSchema,
      next: z.literal('finalize'),
      final: z.object({ programId: programIdSchema }).strict(),
    })
    .strict(),
  z.object({ runId: runIdSchema, next: z.literal('fail'), reason: z.string() }).strict(),
]);

/** One Map item: a candidate (or the seed) of a generation. */
const candidateInputSchema = z
  .object({ runId: runIdSchema, generation: z.int().min(0), programId: programIdSchema })
  .loose();

/** Where a candidate stands after Propose and CheckTraining, read by their choices. */
const candidateProgressSchema = z
  .object({
    runId: runIdSchema,
    generation: z.int().min(0),
    programId: programIdSchema,
    attempt: z.int().min(1),
    next: z.enum(['train', 'check', 'feedback', 'done']),
    job: trainingJobSchema.optional(),
  })
  .strict();

/**
 * CheckTraining's input: an attempt, the job's error when the Train task failed, and the
 * judge's when the Judge task did.
 */
const trainedAttemptSchema = z
  .object({
    runId: runIdSchema,
    generation: z.int().min(0),
    programId: programIdSchema,
    attempt: z.int().min(1),
    trainError: caughtErrorSchema.optional(),
    judgeError: caughtErrorSchema.optional(),
  })
  .loose();

/**
 * The Judge task's payload, shaped by the state machine: a candidate's attempt on the
 * validation split, or the best program's stored model on the test split (FinalEvaluation).
 */
const judgeInputSchema = z.discriminatedUnion('split', [
  z
    .object({
      split: z.literal('val'),
      runId: runIdSchema,
      generation: z.int().min(0),
      programId: programIdSchema,
      attempt: z.int().min(1),
    })
    .strict(),
  z.object({ split: z.literal('test'), runId: runIdSchema, programId: programIdSchema }).strict(),
]);

/** RecordFailure's input: a candidate whose step failed after its retries, and the error. */
const candidateFailureInputSchema = candidateInputSchema.extend({
  candidateError: caughtErrorSchema,
});

/** Simulate, Diagnose and Record read the attempt whose model is the candidate's. */
const feedbackInputSchema = trainedAttemptSchema.extend({
  feedbackError: caughtErrorSchema.optional(),
});

const finalizeInputSchema = z
  .object({
    runId: runIdSchema,
    final: z.object({ programId: programIdSchema }).strict().optional(),
    finalError: caughtErrorSchema.optional(),
  })
  .loose();

const failRunInputSchema = z
  .object({
    runId: runIdSchema,
    reason: z.string().optional(),
    error: caughtErrorSchema.optional(),
  })
  .loose();

type TrainingJob = z.infer<typeof trainingJobSchema>;
type CaughtError = z.infer<typeof caughtErrorSchema>;
type RunProgress = z.infer<typeof runProgressSchema>;
type CandidateInput = z.infer<typeof candidateInputSchema>;
type CandidateProgress = z.infer<typeof candidateProgressSchema>;
type TrainedAttempt = z.infer<typeof trainedAttemptSchema>;
type FeedbackInput = z.infer<typeof feedbackInputSchema>;
type JudgeInput = z.infer<typeof judgeInputSchema>;
type CandidateFailureInput = z.infer<typeof candidateFailureInputSchema>;
type FinalizeInput = z.infer<typeof finalizeInputSchema>;
type FailRunInput = z.infer<typeof failRunInputSchema>;

export type {
  CandidateFailureInput,
  CandidateInput,
  CandidateProgress,
  CaughtError,
  FailRunInput,
  FeedbackInput,
  FinalizeInput,
  JudgeInput,
  RunProgress,
  TrainedAttempt,
  TrainingJob,
};
export {
  candidateFailureInputSchema,
  candidateInputSchema,
  candidateProgressSchema,
  caughtErrorSchema,
  failRunInputSchema,
  feedbackInputSchema,
  finalizeInputSchema,
  judgeInputSchema,
  programIdSchema,
  runInputSchema,
  runProgressSchema,
  trainedAttemptSchema,
  trainingJobSchema,
};
