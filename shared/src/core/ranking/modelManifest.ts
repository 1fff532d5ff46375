import { z } from 'zod';

/**
 * model.json, written by the trainer next to model.onnx. It tells any runtime how to feed and read
 * the exported graph:
 * - `input`: int64 [batch, maxLen], batch axis dynamic. Each row is one user's history, most recent
 *   item last, truncated to its last maxLen items and left-padded with 0.
 * - item ids are 1..numItems; 0 is padding.
 * - `scores`: float32 [batch, numItems]; column j scores item id j + 1.
 * - `taps`: further float32 outputs worth inspecting. A tap whose first axis is the batch axis
 *   (seq_repr [batch, hidden], attention [batch, maxLen]) must have that axis dynamic in
 *   the graph; a tap without one (item_embeddings [numItems + 1, hidden]) is the same for any batch.
 */
const modelManifestSchema = z
  .object({
    format: z.literal(1),
    input: z.string().min(1),
    maxLen: z.int().min(1),
    numItems: z.int().min(1),
    scores: z.string().min(1),
    taps: z.array(z.string().min(1)),
  })
  .strict()
  .refine((manifest) => new Set(manifest.taps).size === manifest.taps.length, {
    message: 'taps must be unique',
    path: ['taps'],
  });

type ModelManifest = z.infer<typeof modelManifestSchema>;

export type { ModelManifest };
export { modelManifestSchema };
