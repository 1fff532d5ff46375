import { describe, expect, it } from 'vitest';
import { parseContract } from '../../../../shared/src/core/contracts/index.js';
import {
  llmConfigSchema,
  priceOfRole,
  promptTokenBudget,
} from '../../../../shared/src/core/llm/index.js';
import { ContractViolationError, InvalidArgumentError } from '../../../../shared/src/errors.js';

const parse = (value: unknown) => parseContract(llmConfigSchema, value, 'LLM config');

describe('llmConfigSchema', () => {
  it('fills in every default from an empty config', () => {
    // Prepare / Act
    const config = parse({});

    // Assess
    expect(config).toEqual({
      provider: 'openai-compatible',
      apiKeyName: 'OPENAI_API_KEY',
      models: {
        proposer: 'gpt-4.1',
        coder: 'gpt-4.1',
        simulator: 'gpt-4.1-mini',
        judge: 'gpt-4.1-mini',
      },
      temperatures: {},
      maxTokens: { proposer: 2_000, coder: 6_000, simulator: 1_500, judge: 1_000 },
      tokenLimitField: 'max_completion_tokens',
      timeoutMs: 120_000,
      maxRetries: 4,
      timeoutRetries: 1,
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
      contextTokens: expect.objectContaining({
        'gpt-4.1': 1_047_576,
        'gpt-4.1-mini': 1_047_576,
        'gpt-5': 400_000,
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
      contextTokens: { qwen: 32_768 },
    });

    // Assess
    expect(config.contextTokens).toMatchObject({ qwen: 32_768, 'gpt-4.1': 1_047_576 });
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
      contextTokens: { qwen: 32_768 },
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

  it('names the role and the model when a model has no context size', () => {
    // Prepare / Act
    const act = () =>
      parse({
        models: { proposer: 'qwen', coder: 'qwen', simulator: 'qwen', judge: 'qwen' },
        prices: { qwen: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 } },
      });

    // Assess
    expect(act).toThrow("models.proposer: model 'qwen' has no entry in contextTokens");
  });

  it('refuses a token limit that leaves less than half the window for the prompt', () => {
    // Prepare
    const small = {
      models: { proposer: 'gemma', coder: 'gemma', simulator: 'gemma', judge: 'gemma' },
      prices: { gemma: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 } },
      contextTokens: { gemma: 8_192 },
    };

    // Act
    const act = () => parse(small);

    // Assess: the default coder limit (6,000) does not fit an 8 k window
    expect(act).toThrow('maxTokens.coder: must be less than half the context window');
    expect(promptTokenBudget(parse({ ...small, maxTokens: { coder: 3_000 } }), 'coder')).toBe(
      5_192
    );
  });

  it('asks the embedded provider for a model file per model', () => {
    // Prepare / Act
    const act = () =>
      parse({
        provider: 'embedded',
        embedded: { modelFiles: { 'gpt-4.1': '/models/a.gguf' } },
      });

    // Assess
    expect(act).toThrow(
      "models.simulator: model 'gpt-4.1-mini' has no file in embedded.modelFiles"
    );
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
