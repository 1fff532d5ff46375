import { describe, expect, it } from 'vitest';
import { runConfigSchema } from '../../../../shared/src/core/evolution/index.js';
import {
  budgetProblem,
  leastCandidateUsd,
  llmUsesOf,
} from '../../../../shared/src/core/preflight/index.js';

const llm = {
  models: { proposer: 'big', coder: 'small' },
  prices: {
    big: { inputUsdPerMillionTokens: 10, outputUsdPerMillionTokens: 30 },
    small: { inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 2 },
    'gpt-4.1-mini': { inputUsdPerMillionTokens: 0.4, outputUsdPerMillionTokens: 1.6 },
  },
  contextTokens: { big: 128_000, small: 32_000 },
};

describe('leastCandidateUsd', () => {
  it('prices the two prompts quoting the seed at each role’s input price, plus the steps', () => {
    // Prepare: 4,000 characters are 1,000 tokens per prompt.
    const config = runConfigSchema.parse({ strategy: 'scalar-llm', dataset: 'd', llm });

    // Act / Assess: 1,000 × ($10 + $1) per million, and six requests.
    expect(leastCandidateUsd(config, 4_000)).toBeCloseTo(0.011 + 6 * 0.0000002, 10);
  });

  it('is the step invocations alone for nas, whose proposals cost no LLM call', () => {
    const config = runConfigSchema.parse({ strategy: 'nas', dataset: 'd' });
    expect(leastCandidateUsd(config, 4_000)).toBeCloseTo(6 * 0.0000002, 12);
  });
});

describe('budgetProblem', () => {
  it('accepts a budget that pays for one candidate, and no budget at all', () => {
    const enough = runConfigSchema.parse({
      strategy: 'scalar-llm',
      dataset: 'd',
      llm,
      budget: { usd: 0.02 },
    });
    const none = runConfigSchema.parse({ strategy: 'scalar-llm', dataset: 'd', llm });
    expect(budgetProblem(enough, 4_000)).toBeUndefined();
    expect(budgetProblem(none, 4_000)).toBeUndefined();
  });

  it('says by how much a budget falls short and what to change', () => {
    const short = runConfigSchema.parse({
      strategy: 'scalar-llm',
      dataset: 'd',
      llm,
      budget: { usd: 0.01 },
    });
    expect(budgetProblem(short, 4_000)).toMatch(
      /^budget\.usd is \$0\.01 but one candidate costs at least \$0\.0110 .*raise budget\.usd, or use cheaper models/
    );
  });
});

describe('llmUsesOf', () => {
  it('names each part of a run that calls the LLM', () => {
    const config = runConfigSchema.parse({
      strategy: 'nas',
      dataset: 'd',
      llm,
      feedback: { interpreter: 'llm' },
    });
    expect(llmUsesOf(config)).toEqual(['feedback.interpreter "llm"']);
    expect(llmUsesOf(runConfigSchema.parse({ strategy: 'nas', dataset: 'd' }))).toEqual([]);
  });
});
