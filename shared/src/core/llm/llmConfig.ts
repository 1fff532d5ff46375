import { z } from 'zod';
import { InvalidArgumentError } from '../../errors.js';
import type { LlmRole } from './llmClient.js';
import { llmRoleSchema } from './llmClient.js';

/**
 * How evolverec talks to its LLM: an OpenAI-compatible endpoint, or a GGUF model run in-process
 * (`embedded`, node-llama-cpp: no endpoint, no key). The key itself never appears here, only the
 * name of the environment variable (locally) or Secrets Manager secret (in AWS) that holds it.
 *
 * Every model a role uses must have a price and a context size: a missing price would silently
 * cost 0 and let a run overspend its USD budget, a missing context size would let a prompt
 * overflow the model, so validation fails naming the role's field. A free local model is priced
 * explicitly at 0.
 */

/**
 * OpenAI's list prices per million input and output tokens of the common models (standard
 * tier, no cached-input discount). A config's `prices` adds models and overrides these.
 */
const DEFAULT_PRICES: Readonly<
  Record<string, { inputUsdPerMillionTokens: number; outputUsdPerMillionTokens: number }>
> = {
  'gpt-5': { inputUsdPerMillionTokens: 1.25, outputUsdPerMillionTokens: 10 },
  'gpt-5-mini': { inputUsdPerMillionTokens: 0.25, outputUsdPerMillionTokens: 2 },
  'gpt-5-nano': { inputUsdPerMillionTokens: 0.05, outputUsdPerMillionTokens: 0.4 },
  'gpt-4.1': { inputUsdPerMillionTokens: 2, outputUsdPerMillionTokens: 8 },
  'gpt-4.1-mini': { inputUsdPerMillionTokens: 0.4, outputUsdPerMillionTokens: 1.6 },
  'gpt-4.1-nano': { inputUsdPerMillionTokens: 0.1, outputUsdPerMillionTokens: 0.4 },
  'gpt-4o': { inputUsdPerMillionTokens: 2.5, outputUsdPerMillionTokens: 10 },
  'gpt-4o-mini': { inputUsdPerMillionTokens: 0.15, outputUsdPerMillionTokens: 0.6 },
  o3: { inputUsdPerMillionTokens: 2, outputUsdPerMillionTokens: 8 },
  'o4-mini': { inputUsdPerMillionTokens: 1.1, outputUsdPerMillionTokens: 4.4 },
};

/** Context windows in tokens (prompt and answer together) of the default models. */
const DEFAULT_CONTEXT_TOKENS: Readonly<Record<string, number>> = {
  'gpt-5': 400_000,
  'gpt-5-mini': 400_000,
  'gpt-5-nano': 400_000,
  'gpt-4.1': 1_047_576,
  'gpt-4.1-mini': 1_047_576,
  'gpt-4.1-nano': 1_047_576,
  'gpt-4o': 128_000,
  'gpt-4o-mini': 128_000,
  o3: 200_000,
  'o4-mini': 200_000,
};

const modelPriceSchema = z
  .object({
    inputUsdPerMillionTokens: z.number().min(0),
    outputUsdPerMillionTokens: z.number().min(0),
  })
  .strict();

const modelNameSchema = z.string().min(1);

const modelsSchema = z
  .object({
    proposer: modelNameSchema.default('gpt-4.1'),
    coder: modelNameSchema.default('gpt-4.1'),
    simulator: modelNameSchema.default('gpt-4.1-mini'),
    judge: modelNameSchema.default('gpt-4.1-mini'),
  })
  .strict();

const temperatureSchema = z.number().min(0).max(2);

const temperaturesSchema = z
  .object({
    proposer: temperatureSchema.optional(),
    coder: temperatureSchema.optional(),
    simulator: temperatureSchema.optional(),
    judge: temperatureSchema.optional(),
  })
  .strict();

const tokenLimitSchema = z.int().min(16);

/**
 * The most tokens each role may answer with (sent with every request, so a server's own default,
 * often 1,024, never cuts an answer silently); an answer cut there is reported as cut off.
 */
const maxTokensSchema = z
  .object({
    proposer: tokenLimitSchema.default(2_000),
    coder: tokenLimitSchema.default(6_000),
    simulator: tokenLimitSchema.default(1_500),
    judge: tokenLimitSchema.default(1_000),
  })
  .strict();

/** A GGUF model file per model name; every role's model needs one. */
const embeddedSettingsSchema = z
  .object({
    modelFiles: z.record(z.string().min(1), z.string().min(1)),
    /** CPU threads per generation; default one less than the cores, at least one. */
    threads: z.int().min(1).max(256).optional(),
    /**
     * llama.cpp's penalty on tokens repeated within the last 64: small models fall into loops
     * (`10, 10, 10, …`) until the token limit without one.
     */
    repeatPenalty: z.number().min(1).max(2).default(1.1),
  })
  .strict();

/** Catches a key pasted where its name belongs, before it reaches a log or a table. */
const apiKeyNameSchema = z
  .string()
  .min(1)
  .refine((name) => !/^sk-/.test(name), {
    message:
      'looks like an API key; put the key in the environment or Secrets Manager and name it here',
  });

const llmConfigSchema = z
  .object({
    provider: z.enum(['openai-compatible', 'embedded']).default('openai-compatible'),
    /** Any OpenAI-compatible endpoint; the OpenAI API when absent. */
    baseUrl: z.url().optional(),
    /** The embedded provider's model files. */
    embedded: embeddedSettingsSchema.optional(),
    apiKeyName: apiKeyNameSchema.default('OPENAI_API_KEY'),
    models: modelsSchema.prefault({}),
    /** Per role; a role without one uses the server's default. */
    temperatures: temperaturesSchema.prefault({}),
    maxTokens: maxTokensSchema.prefault({}),
    /**
     * The request field that carries the answer's token limit: OpenAI's current one, or the
     * older `max_tokens` that some compatible servers read instead.
     */
    tokenLimitField: z
      .enum(['max_completion_tokens', 'max_tokens'])
      .default('max_completion_tokens'),
    /**
     * One attempt, from sending the request to the last byte of the answer; the HTTP client's
     * own header and body timeouts are set to it, so this one is in force however long a model
     * thinks before its first byte. Code generation takes a while.
     */
    timeoutMs: z.int().min(1).default(120_000),
    /** Retries after the first attempt, for 429, 5xx and connection errors. */
    maxRetries: z.int().min(0).max(10).default(4),
    /** Of those, retries after a timeout: a model that was too slow once is seldom fast next. */
    timeoutRetries: z.int().min(0).max(10).default(1),
    backoffBaseMs: z.int().min(0).default(1_000),
    backoffMaxMs: z.int().min(0).default(30_000),
    /** A Retry-After longer than this ends the call instead of holding a Lambda that long. */
    retryAfterMaxMs: z.int().min(0).default(60_000),
    /** Calls in flight at once per client, all roles together. */
    concurrency: z.int().min(1).default(4),
    /** Per model; merged over DEFAULT_PRICES, so a config names only what it adds or changes. */
    prices: z
      .record(modelNameSchema, modelPriceSchema)
      .default(DEFAULT_PRICES)
      .transform((prices) => ({ ...DEFAULT_PRICES, ...prices })),
    /**
     * Each model's context window in tokens, merged over DEFAULT_CONTEXT_TOKENS like the prices;
     * prompts are fitted to it less the answer.
     */
    contextTokens: z
      .record(modelNameSchema, z.int().min(256))
      .default(DEFAULT_CONTEXT_TOKENS)
      .transform((windows) => ({ ...DEFAULT_CONTEXT_TOKENS, ...windows })),
  })
  .strict()
  .superRefine((config, context) => {
    if (config.backoffBaseMs > config.backoffMaxMs) {
      context.addIssue({
        code: 'custom',
        path: ['backoffBaseMs'],
        message: `must not exceed backoffMaxMs (${config.backoffMaxMs})`,
      });
    }
    if (config.provider === 'embedded' && config.embedded === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['embedded'],
        message: 'the embedded provider needs embedded.modelFiles (a GGUF file per model)',
      });
    }
    for (const role of llmRoleSchema.options) {
      const model = config.models[role];
      const issue = (message: string) =>
        context.addIssue({ code: 'custom', path: ['models', role], message });
      if (config.prices[model] === undefined) {
        issue(`model '${model}' has no entry in prices (price a free local model at 0)`);
      }
      const window = config.contextTokens[model];
      if (window === undefined) {
        issue(`model '${model}' has no entry in contextTokens (its context window in tokens)`);
      } else if (config.maxTokens[role] >= window / 2) {
        context.addIssue({
          code: 'custom',
          path: ['maxTokens', role],
          message: `must be less than half the context window of '${model}' (${window} tokens), to leave room for the prompt`,
        });
      }
      if (config.provider === 'embedded' && config.embedded?.modelFiles[model] === undefined) {
        issue(`model '${model}' has no file in embedded.modelFiles`);
      }
    }
  });

type LlmConfig = z.infer<typeof llmConfigSchema>;
/** What a user writes: every field with a default may be left out. */
type LlmConfigInput = z.input<typeof llmConfigSchema>;
type ModelPrice = z.infer<typeof modelPriceSchema>;

/** The price of a role's model; the config schema guarantees there is one. */
function priceOfRole(config: LlmConfig, role: LlmRole): ModelPrice {
  const model = config.models[role];
  const price = config.prices[model];
  if (price === undefined) {
    throw new InvalidArgumentError(
      `model '${model}' of role ${role} has no price; parse the config first`
    );
  }
  return price;
}

/** The tokens a role's prompt may take: its model's window less the answer it may write. */
function promptTokenBudget(config: LlmConfig, role: LlmRole): number {
  const model = config.models[role];
  const window = config.contextTokens[model];
  if (window === undefined) {
    throw new InvalidArgumentError(
      `model '${model}' of role ${role} has no context size; parse the config first`
    );
  }
  return window - config.maxTokens[role];
}

export type { LlmConfig, LlmConfigInput, ModelPrice };
export { llmConfigSchema, modelPriceSchema, priceOfRole, promptTokenBudget };
