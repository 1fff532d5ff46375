import { z } from 'zod';

/** What the judge process is asked, over IPC: local folders only, no credentials. */
const judgeRequestSchema = z
  .object({
    /** Holds model.onnx and model.json. */
    modelDir: z.string().min(1),
    /** The judge view of the dataset. */
    viewDir: z.string().min(1),
    split: z.enum(['val', 'test']),
    jobMetrics: z.record(z.string(), z.number()).optional(),
    maxModelBytes: z.int().min(1),
  })
  .strict();

type JudgeRequest = z.infer<typeof judgeRequestSchema>;

export type { JudgeRequest };
export { judgeRequestSchema };
