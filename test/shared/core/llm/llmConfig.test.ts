import { describe, expect, it } from 'vitest';
import { parseContract } from '../../../../shared/src/core/contracts/index.js';
import { llmConfigSchema, priceOfRole } from '../../../../shared/src/core/llm/index.js';
import { ContractViolationError, InvalidArgumentError } from '../../../../shared/src/errors.js';

const parse = (value: unknown) => parseContract(llmConfigSchema, value, 'LLM config');

describe('llmConfigSchema', () => {
  it('fills in every default from an empty config', () => {
    // Prepare / Act
    const config = parse({});

    // Assess
    expect(config).toEqual({
      apiKeyName: 'OPENAI_API_KEY',
      models: {
        proposer: 'gpt-4.1',
        coder: 'gpt-4.1',
        simulator: 'gpt-4.1-mini',
        judge: 'gpt-4.1-mini',
      },
      temperatures: {},
      timeoutMs: 120_000,
      maxRetries: 4,
      backoffBaseMs: 1_000,
      backoffMaxMs: 30_000,
      retryAfterMaxMs: 60_000,
      concurrency: 4,
      prices: expect.objectContaining({
        'gpt-4.1': { inputUsdPerMillionTokens: 2, outputUsdPerMillionTokens: 8 },
        'gpt-4.1-mini': { inputUsdPerMillionTokens: 0.4, outputUsdPerMillionTokens: 1.6 },
        'gpt-5': { inputUsdPerMillionTokens: 1.25, outputUsdPerMillionTokens: 10 },
        'gpt-4o-mini': { inputUsdPerMillionTokens: 0.15, outputUsdPerMillionTokens: 0.6 },
      }),
    });
  });

  it("adds a config's prices to the default table, overriding the models it names", () => {
    // Prepare / Act
    const config = parse({
      models: { proposer: 'qwen', coder: 'gpt-4.1' },
      prices: {
        qwen: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 },
        'gpt-4.1': { inputUsdPerMillionTokens: 1, outputUsdPerMillionTokens: 4 },
      },
    });

    // Assess
    expect(priceOfRole(config, 'proposer')).toEqual({
      inputUsdPerMillionTokens: 0,
      outputUsdPerMillionTokens: 0,
    });
    expect(priceOfRole(config, 'coder')).toEqual({
      inputUsdPerMillionTokens: 1,
      outputUsdPerMillionTokens: 4,
    });
    expect(priceOfRole(config, 'judge')).toEqual({
      inputUsdPerMillionTokens: 0.4,
      outputUsdPerMillionTokens: 1.6,
    });
  });

  it('keeps the default models of the roles a config leaves out', () => {
    // Prepare / Act
    const config = parse({ models: { coder: 'gpt-4.1-mini' } });

    // Assess
    expect(config.models).toMatchObject({ proposer: 'gpt-4.1', coder: 'gpt-4.1-mini' });
  });

  it('accepts a local endpoint whose free model is priced at 0', () => {
    // Prepare / Act
    const config = parse({
      baseUrl: 'http://localhost:11434/v1',
      models: { proposer: 'qwen', coder: 'qwen', simulator: 'qwen', judge: 'qwen' },
      prices: { qwen: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 } },
    });

    // Assess
    expect(priceOfRole(config, 'judge')).toEqual({
      inputUsdPerMillionTokens: 0,
      outputUsdPerMillionTokens: 0,
    });
  });

  it('names the role and the model when a model has no price', () => {
    // Prepare / Act
    const act = () => parse({ models: { simulator: 'llama-3-70b' } });

    // Assess
    expect(act).toThrow(ContractViolationError);
    expect(act).toThrow(
      "models.simulator: model 'llama-3-70b' has no entry in prices (price a free local model at 0)"
    );
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ concurrency: 1.5 }, 'concurrency'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ temperatures: { coder: 3 } }, 'temperatures.coder'],
    [{ baseUrl: 'not a url' }, 'baseUrl'],
    [{ backoffBaseMs: 500, backoffMaxMs: 100 }, 'backoffBaseMs'],
    [{ prices: { 'gpt-4.1': { inputUsdPerMillionTokens: -1 } } }, 'prices.gpt-4.1'],
    [{ models: { critic: 'gpt-4.1' } }, 'models'],
    [{ apiKey: 'sk-…' }, '(root)'],
  ])('names the field when %j is invalid', (value, field) => {
    // Prepare / Act
    const act = () => parse(value);

    // Assess
    expect(act).toThrow(new RegExp(`LLM config is invalid: .*${escapeRegExp(field)}`));
  });

  it('rejects a key pasted where the name of its variable belongs, without echoing it', () => {
    // Prepare
    const key = 'sk-proj-abcdefghijklmnop';

    // Act
    const act = () => parse({ apiKeyName: key });

    // Assess
    expect(act).toThrow('apiKeyName: looks like an API key');
    expect(act).not.toThrow(key);
  });
});

describe('priceOfRole', () => {
  it('throws InvalidArgumentError for a config that was never parsed', () => {
    // Prepare
    const config = { ...parse({}), prices: {} };

    // Act
    const act = () => priceOfRole(config, 'coder');

    // Assess
    expect(act).toThrow(InvalidArgumentError);
    expect(act).toThrow("model 'gpt-4.1' of role coder has no price");
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
