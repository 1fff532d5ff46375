import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseJsonContract } from '../../../../shared/src/core/contracts/index.js';
import { ContractViolationError } from '../../../../shared/src/errors.js';

const pointSchema = z.object({ x: z.number() }).strict();

describe('parseJsonContract', () => {
  it('returns the parsed value when the text matches the schema', () => {
    // Prepare / Act / Assess
    expect(parseJsonContract(pointSchema, '{"x": 1}', 'point')).toEqual({ x: 1 });
  });

  it('names the file and the failing path when the value does not match', () => {
    // Prepare / Act
    const act = () => parseJsonContract(pointSchema, '{"x": "1"}', 'point.json');

    // Assess
    expect(act).toThrow(ContractViolationError);
    expect(act).toThrow(/^point\.json is invalid: x: /);
  });

  it('throws a ContractViolationError when the text is not JSON', () => {
    // Prepare / Act
    const act = () => parseJsonContract(pointSchema, '{"x": NaN}', 'metrics.json');

    // Assess
    expect(act).toThrow(/^metrics\.json is invalid: \(root\): not valid JSON/);
  });
});
