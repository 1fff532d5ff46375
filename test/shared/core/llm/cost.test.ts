import { describe, expect, it } from 'vitest';
import { costUsd } from '../../../../shared/src/core/llm/index.js';

describe('costUsd', () => {
  it('prices prompt and completion tokens per million at their own rates', () => {
    // Prepare
    const price = { inputUsdPerMillionTokens: 2, outputUsdPerMillionTokens: 8 };

    // Act
    const usd = costUsd({ promptTokens: 250_000, completionTokens: 50_000 }, price);

    // Assess
    expect(usd).toBeCloseTo(0.5 + 0.4, 12);
  });

  it('costs 0 for a model priced at 0', () => {
    // Prepare / Act
    const usd = costUsd(
      { promptTokens: 10_000, completionTokens: 10_000 },
      { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 }
    );

    // Assess
    expect(usd).toBe(0);
  });
});
