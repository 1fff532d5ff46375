import { z } from 'zod';
import { archiveConfigSchema } from '../archive/index.js';
import { llmConfigSchema, runBudgetSchema } from '../llm/index.js';
import { strategyNameSchema, strategyTraits } from './strategies.js';

const proposalSettingsSchema = z
  .object({
    /** Repairs of a candidate that failed in the harness (the debug loop). */
    repairAttempts: z.int().min(0).max(10).default(3),
    /** Corrective retries after edits that did not apply, or an answer that was not valid JSON. */
    correctiveRetries: z.int().min(0).max(3).default(1),
    /**
     * Normalised-code similarity at or above which a candidate is a near-duplicate and is not
     * trained. One changed token of the seed costs about 0.004, so the default rejects programs
     * that differ only in comments, whitespace or formatting.
     */
    duplicateSimilarity: z.number().min(0).max(1).default(0.999),
    /** Search-space dimensions one `nas` mutation changes at most. */
    nasMaxChanges: z.int().min(1).max(9).default(2),
  })
  .strict();

/**
 * The harness's budget for every candidate of the run (the seed's too, for a fair comparison),
 * written into each job's job.json: the trainer's defaults, stated here once.
 */
const trainingSettingsSchema = z
  .object({
    maxEpochs: z.int().min(1).default(200),
    /** Evaluations without improvement before early stopping. */
    patience: z.int().min(1).default(20),
    evalEvery: z.int().min(1).default(1),
    /** The job's hard wall-time limit: past it the program is killed and the candidate fails. */
    timeLimitSeconds: z.int().min(1).max(86_400).default(3_600),
    memoryLimitMb: z.int().min(256).default(16_384),
  })
  .strict();

/** The simulate and diagnose steps run for every trained program of every strategy. */
const feedbackSettingsSchema = z
  .object({
    /** Simulated users, the same people for every candidate of the run. */
    users: z.int().min(1).max(5_000).default(200),
    /** `offline`: data-grounded, no LLM; `llm`: the simulator role answers as each user. */
    simulator: z.enum(['offline', 'llm']).default('offline'),
    /** Who turns the diagnosis figures into findings: documented rules, or the judge role. */
    interpreter: z.enum(['rules', 'llm']).default('rules'),
    /** Bound of the directional-feedback section of the next prompt. */
    maxChars: z.int().min(200).max(20_000).default(4_000),
  })
  .strict();

/**
 * The judge's own limits, apart from the job's: it scores an exported model (data, never code)
 * in a process of its own, killed past them, so a model that is too large or too slow to score
 * fails its candidate and nothing else.
 */
const judgeSettingsSchema = z
  .object({
    timeLimitSeconds: z.number().positive().max(840).default(300),
    memoryLimitMb: z.int().min(256).max(10_240).default(3_072),
    /** Larger model.onnx files are refused before they are opened. */
    maxModelMb: z.int().min(1).max(4_096).default(1_024),
  })
  .strict();

const costSettingsSchema = z
  .object({
    /**
     * Price of the trainer's machine, to cost each candidate's training seconds: by default about
     * what a g5.xlarge Spot hour (one A10G) costs in us-east-1, where on demand costs 1.006; Spot
     * prices move, so set the one you pay. A local run is costed as if it had trained there.
     */
    trainerUsdPerHour: z.number().min(0).default(0.4),
    /** Lambda's price per GB-second (x86, us-east-1) and per request, to cost every step. */
    lambdaUsdPerGbSecond: z.number().min(0).default(0.0000166667),
    lambdaUsdPerRequest: z.number().min(0).default(0.0000002),
  })
  .strict();

/** One evolution run, as a user writes it (JSON); validation errors name the field. */
const runConfigSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]{0,63}$/, 'letters, digits, ".", "_" and "-", at most 64')
      .optional(),
    strategy: strategyNameSchema,
    dataset: z.string().min(1),
    /** The seed program's directory (holds model.py, and probes.js once co-evolving). */
    seedProgram: z.string().min(1).default('programs/sasrec'),
    /** Drives parent sampling and `nas` mutations: the same seed gives the same run. */
    randomSeed: z.int().min(0).default(0),
    generations: z.int().min(1).max(1000).default(5),
    candidatesPerGeneration: z.int().min(1).max(256).default(4),
    archive: archiveConfigSchema.prefault({}),
    llm: llmConfigSchema.optional(),
    budget: runBudgetSchema.prefault({}),
    proposal: proposalSettingsSchema.prefault({}),
    training: trainingSettingsSchema.prefault({}),
    feedback: feedbackSettingsSchema.prefault({}),
    judge: judgeSettingsSchema.prefault({}),
    costs: costSettingsSchema.prefault({}),
  })
  .strict()
  .superRefine((config, context) => {
    if (config.llm !== undefined) return;
    if (strategyTraits(config.strategy).proposer === 'llm') {
      context.addIssue({
        code: 'custom',
        path: ['llm'],
        message: `strategy '${config.strategy}' needs an llm section (models and endpoint)`,
      });
    }
    for (const [field, value] of [
      ['simulator', config.feedback.simulator],
      ['interpreter', config.feedback.interpreter],
    ] as const) {
      if (value === 'llm') {
        context.addIssue({
          code: 'custom',
          path: ['feedback', field],
          message: `an LLM ${field} needs an llm section (models and endpoint)`,
        });
      }
    }
  });

type RunConfig = z.output<typeof runConfigSchema>;
type RunConfigInput = z.input<typeof runConfigSchema>;
type JudgeSettings = z.output<typeof judgeSettingsSchema>;

export type { JudgeSettings, RunConfig, RunConfigInput };
export { judgeSettingsSchema, runConfigSchema };
