import { z } from 'zod';
import { runConfigSchema } from '../core/evolution/index.js';
import { notFromRequest } from './notFromRequest.js';

/** Big enough for any seed the harness trains in minutes; a DynamoDB item and a log stay small. */
const MAX_SEED_FILE_BYTES = 256 * 1024;

const seedFileSchema = z
  .string()
  .min(1, 'is empty')
  .refine((text) => Buffer.byteLength(text, 'utf8') <= MAX_SEED_FILE_BYTES, {
    message: `is larger than ${MAX_SEED_FILE_BYTES / 1024} KB`,
  });

/**
 * The seed folder: the program's files (model.py always, probes.js once co-evolving) and, for
 * `nas`, its search-space.json with the variant files it names (e.g. losses/bce.py).
 */
const seedFilesSchema = z
  .object({
    'model.py': seedFileSchema,
    'probes.js': seedFileSchema.optional(),
    'search-space.json': seedFileSchema.optional(),
  })
  .catchall(seedFileSchema)
  .superRefine((files, context) => {
    for (const name of Object.keys(files)) {
      if (!/^(model\.py|probes\.js|search-space\.json|[a-z0-9_]+\/[a-z0-9_]+\.py)$/.test(name)) {
        context.addIssue({
          code: 'custom',
          path: [name],
          message:
            'is not a seed file (model.py, probes.js, search-space.json, <folder>/<name>.py)',
        });
      }
    }
  });

/**
 * POST /runs: a run config and the seed program's files. `name` is a shorthand for `config.name`;
 * giving both, different, is an error rather than a silent choice. The run's team is its
 * caller's, never the body's. The embedded LLM provider is refused: no Lambda loads a model.
 */
const createRunRequestSchema = z
  .object({
    team: notFromRequest,
    name: runConfigSchema.shape.name,
    config: runConfigSchema,
    seedFiles: seedFilesSchema,
  })
  .strict()
  .superRefine((request, context) => {
    const { name, config } = request;
    if (name !== undefined && config.name !== undefined && name !== config.name) {
      context.addIssue({
        code: 'custom',
        path: ['name'],
        message: `differs from config.name '${config.name}'`,
      });
    }
    if (config.llm?.provider === 'embedded') {
      context.addIssue({
        code: 'custom',
        path: ['config', 'llm', 'provider'],
        message:
          'the embedded model runs on one machine only (evolverec run); a cloud run needs an OpenAI-compatible endpoint',
      });
    }
  })
  .transform(({ name, team: _, ...request }) =>
    name === undefined ? request : { ...request, config: { ...request.config, name } }
  );

type CreateRunRequest = z.output<typeof createRunRequestSchema>;

export type { CreateRunRequest };
export { createRunRequestSchema, MAX_SEED_FILE_BYTES };
