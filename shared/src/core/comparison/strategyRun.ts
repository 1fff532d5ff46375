import { z } from 'zod';
import { strategyNameSchema } from '../evolution/index.js';

/** HR@10 and NDCG@10 of one program on one split, as the judge gave them. */
const rankingFiguresSchema = z.object({ ndcg10: z.number(), hr10: z.number() }).strict();

/**
 * One run of a comparison, summarised from its records: every figure is the judge's (validation
 * over the held-out users; test of the run's best program and of its seed, each scored once).
 */
const strategyRunSchema = z
  .object({
    strategy: strategyNameSchema,
    randomSeed: z.int().min(0),
    runId: z.string().min(1),
    status: z.string(),
    stopReason: z.string().optional(),
    /** The run's best program (highest validation NDCG@10); absent when nothing trained. */
    best: z
      .object({
        programId: z.string().min(1),
        validation: rankingFiguresSchema,
        test: rankingFiguresSchema.optional(),
        /** The simulated users' satisfaction and the catalogue coverage of its top-10 lists. */
        satisfaction: z.number().optional(),
        coverage: z.number().optional(),
      })
      .strict()
      .optional(),
    /** The seed program (generation 0) of the same run. */
    seed: z
      .object({
        programId: z.string().min(1),
        validation: rankingFiguresSchema,
        test: rankingFiguresSchema.optional(),
      })
      .strict()
      .optional(),
    /** Candidates after the seed: trained (judged) and failed (any stage). */
    trained: z.int().min(0),
    failed: z.int().min(0),
    llmTokens: z.int().min(0),
    /** Seconds in training jobs (on a GPU in the cloud; on this machine's CPU locally). */
    trainSeconds: z.number().min(0),
    usd: z.number().min(0),
    wallSeconds: z.number().min(0),
  })
  .strict();

type StrategyRun = z.infer<typeof strategyRunSchema>;
type RankingFigures = z.infer<typeof rankingFiguresSchema>;

/** HR@10 and NDCG@10 of a split out of a judge's metrics (`val_ndcg@10`, `test_hr@10`…). */
function rankingFiguresOf(
  metrics: Readonly<Record<string, number>> | undefined,
  split: 'val' | 'test'
): RankingFigures | undefined {
  const ndcg10 = metrics?.[`${split}_ndcg@10`];
  const hr10 = metrics?.[`${split}_hr@10`];
  return ndcg10 === undefined || hr10 === undefined ? undefined : { ndcg10, hr10 };
}

export type { RankingFigures, StrategyRun };
export { rankingFiguresOf, rankingFiguresSchema, strategyRunSchema };
