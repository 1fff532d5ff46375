import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderJsonSchemas } from '../../../../shared/src/core/contracts/jsonSchemas.js';

const schemasDir = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'schemas');

describe('committed JSON Schemas', () => {
  it.each(Object.entries(renderJsonSchemas()))(
    'match the zod contracts for %s (run `npm run schemas` when this fails)',
    (fileName, generated) => {
      // Prepare / Act
      const committed = readFileSync(join(schemasDir, fileName), 'utf8');

      // Assess
      expect(committed).toBe(generated);
    }
  );
});
