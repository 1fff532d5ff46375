import { z } from 'zod';
import { evaluationResultSchema } from '../evaluation/evaluationResult.js';
import { trainingJobSpecSchema } from '../evaluation/trainingJobSpec.js';
import { runConfigSchema } from '../evolution/runConfig.js';
import { modelManifestSchema } from '../ranking/modelManifest.js';

/**
 * The contracts read outside TypeScript, by the file name under shared/schemas/ that holds each:
 * Python validates what it writes against the first two (output shapes) and reads the job
 * spec the steps write; people and editors write run configs against the last (input shape, so
 * fields with defaults are optional).
 */
const sharedContracts = {
  'evaluation-result.schema.json': { schema: evaluationResultSchema, io: 'output' },
  'model-manifest.schema.json': { schema: modelManifestSchema, io: 'output' },
  'training-job.schema.json': { schema: trainingJobSpecSchema, io: 'output' },
  'run-config.schema.json': { schema: runConfigSchema, io: 'input' },
} as const;

/** Renders every shared contract as JSON Schema text, keyed by its file name. */
function renderJsonSchemas(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(sharedContracts).map(([fileName, { schema, io }]) => [
      fileName,
      `${JSON.stringify(z.toJSONSchema(schema, { io }), null, 2)}\n`,
    ])
  );
}

export { renderJsonSchemas };
