import { z } from 'zod';
import { ledgerKindSchema } from '../llm/index.js';
import type { RunReport } from './runReport.js';

const figures = z.record(z.string(), z.number());
const byKind = z.record(ledgerKindSchema, z.number());

/**
 * A run's report as report.json holds it and the API answers it, read back by a client. It
 * states the RunReport interface field by field; `satisfies` keeps the two the same.
 */
const runReportSchema = z
  .object({
    runId: z.string(),
    strategy: z.string(),
    dataset: z.string(),
    status: z.string(),
    stopReason: z.string().optional(),
    generations: z.array(
      z.object({
        generation: z.int(),
        candidates: z.int(),
        trained: z.int(),
        failed: z.int(),
        bestFitness: z.number().optional(),
        runBestFitness: z.number().optional(),
      })
    ),
    best: z
      .object({ programId: z.string(), validation: figures, test: figures.optional() })
      .optional(),
    paretoFront: z.array(z.string()),
    failures: z.array(z.object({ programId: z.string(), stage: z.string(), reason: z.string() })),
    costs: z.object({
      usd: z.number(),
      usdByKind: byKind,
      countByKind: byKind,
      secondsByKind: byKind,
      promptTokens: z.number(),
      completionTokens: z.number(),
      failedLlmCalls: z.int(),
    }),
    outcomes: z.array(
      z.object({
        strategy: z.string(),
        model: z.string(),
        candidates: z.int(),
        counts: z.record(z.string(), z.int()),
        repair: z.object({
          candidates: z.int(),
          trained: z.int(),
          successRate: z.number().nullable(),
        }),
      })
    ),
    llmFallbacks: z.int(),
    candidatesTried: z.int(),
    finalNote: z.string().optional(),
  })
  .loose() satisfies z.ZodType<RunReport>;

export { runReportSchema };
