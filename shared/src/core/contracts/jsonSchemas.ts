import { z } from 'zod';
import { evaluationResultSchema } from '../evaluation/evaluationResult.js';
import { modelManifestSchema } from '../ranking/modelManifest.js';

/** The contracts Python reads too, by the file name under shared/schemas/ that holds each. */
const sharedContracts = {
  'evaluation-result.schema.json': evaluationResultSchema,
  'model-manifest.schema.json': modelManifestSchema,
} as const;

/** Renders every shared contract as JSON Schema text, keyed by its file name. */
function renderJsonSchemas(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(sharedContracts).map(([fileName, schema]) => [
      fileName,
      `${JSON.stringify(z.toJSONSchema(schema), null, 2)}\n`,
    ])
  );
}

export { renderJsonSchemas };
