import { describe, expect, it } from 'vitest';
import type { ProgramSummary } from '../../../../shared/src/core/evolution/index.js';
import { runConfigSchema } from '../../../../shared/src/core/evolution/index.js';
import { outcomeCounts } from '../../../../shared/src/core/runs/index.js';

const seed: ProgramSummary = {
  id: 'g000-seed',
  generation: 0,
  island: 0,
  parentId: null,
  status: 'ok',
};
const candidates: ProgramSummary[] = [
  { ...seed, id: 'g001-c00', generation: 1, parentId: 'g000-seed', outcome: { kind: 'trained' } },
  {
    ...seed,
    id: 'g001-c01',
    generation: 1,
    parentId: 'g000-seed',
    status: 'failed',
    outcome: { kind: 'duplicate' },
  },
];
const llm = {
  models: { proposer: 'gemma', coder: 'gemma' },
  prices: { gemma: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 } },
  contextTokens: { gemma: 32_768 },
};

describe('outcomeCounts', () => {
  it('counts the candidates, not the seed, and names the models that proposed them', () => {
    // Arrange
    const config = runConfigSchema.parse({ strategy: 'best-of-n', dataset: 'd', llm });

    // Act
    const counts = outcomeCounts(config, [seed, ...candidates]);

    // Assert
    expect(counts).toMatchObject({
      strategy: 'best-of-n',
      model: 'gemma',
      candidates: 2,
      counts: { trained: 1, duplicate: 1 },
    });
  });

  it('says no LLM proposed for the search-space strategies, an llm section or not', () => {
    // Arrange: a comparison gives every run its llm section (for the code judge).
    const directional = runConfigSchema.parse({ strategy: 'directional-nas', dataset: 'd', llm });
    const nas = runConfigSchema.parse({ strategy: 'nas', dataset: 'd' });

    // Act / Assert
    expect(outcomeCounts(directional, candidates).model).toBe('no LLM');
    expect(outcomeCounts(nas, candidates).model).toBe('no LLM');
  });
});
