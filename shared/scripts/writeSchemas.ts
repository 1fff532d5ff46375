// Writes the JSON Schemas of the shared contracts for the Python trainer (`npm run schemas`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderJsonSchemas } from '../src/core/contracts/jsonSchemas.js';

const schemasDir = join(import.meta.dirname, '..', 'schemas');

for (const [fileName, text] of Object.entries(renderJsonSchemas())) {
  writeFileSync(join(schemasDir, fileName), text);
  console.log(`wrote shared/schemas/${fileName}`);
}
