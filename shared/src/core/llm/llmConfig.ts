import { z } from 'zod';
import { InvalidArgumentError } from '../../errors.js';
import type { LlmRole } from './llmClient.js';
import { llmRoleSchema } from './llmClient.js';

/**
 * How evolverec talks to an OpenAI-compatible endpoint. The key itself never appears here, only
 * the name of the environment variable (locally) or Secrets Manager secret (in AWS) that holds it.
 *
 * Every model a role uses must have a price: a missing one would silently cost 0 and let a run
 * overspend its USD budget, so validation fails naming the role's field. A free local model is
 * priced explicitly at 0.
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
    /** Any OpenAI-compatible endpoint; the OpenAI API when absent. */
    baseUrl: z.url().optional(),
    apiKeyName: apiKeyNameSchema.default('OPENAI_API_KEY'),
    models: modelsSchema.prefault({}),
    /** Per role; a role without one uses the server's default. */
    temperatures: temperaturesSchema.prefault({}),
    /** One HTTP attempt, reading the body included. Code generation takes a while. */
    timeoutMs: z.int().min(1).default(120_000),
    /** Retries after the first attempt, for timeouts, 429, 5xx and connection errors. */
    maxRetries: z.int().min(0).max(10).default(4),
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
    for (const role of llmRoleSchema.options) {
      const model = config.models[role];
      if (config.prices[model] === undefined) {
        context.addIssue({
          code: 'custom',
          path: ['models', role],
          message: `model '${model}' has no entry in prices (price a free local model at 0)`,
        });
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

export type { LlmConfig, LlmConfigInput, ModelPrice };
export { llmConfigSchema, modelPriceSchema, priceOfRole };
