import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createEmbeddedLlmClient } from '../../../../shared/src/adapters/llm/embeddedLlmClient.js';
import { countTextTokens } from '../../../../shared/src/adapters/llm/tokenCounter.js';
import type { LlmConfigInput, LlmRequest } from '../../../../shared/src/core/llm/index.js';
import { llmConfigSchema, responseSchemaOf } from '../../../../shared/src/core/llm/index.js';
import { LlmError } from '../../../../shared/src/errors.js';
import { repoRoot } from '../../../../shared/src/local/index.js';

/** Fetched by scripts/setup.sh: Gemma 3 270M, the base model, Q4_K_M. */
const MODEL = join(repoRoot, 'models', 'gemma-3-270m-q4_k_m.gguf');

const configOf = (overrides: Partial<LlmConfigInput> = {}) =>
  llmConfigSchema.parse({
    provider: 'embedded',
    embedded: { modelFiles: { gemma: MODEL } },
    models: { proposer: 'gemma', coder: 'gemma', simulator: 'gemma', judge: 'gemma' },
    prices: { gemma: { inputUsdPerMillionTokens: 0, outputUsdPerMillionTokens: 0 } },
    contextTokens: { gemma: 2_048 },
    maxTokens: { proposer: 256, coder: 256, simulator: 256, judge: 48 },
    timeoutMs: 120_000,
    ...overrides,
  });

const client = createEmbeddedLlmClient(configOf());

afterAll(async () => {
  await client.close();
});

/**
 * The grammar holds an answer to the schema's structure, types and choices; numeric bounds
 * (`minimum`, `maximum`) are not in node-llama-cpp's grammar and are left to the zod validation.
 */
const verdictSchema = z.object({ verdict: z.enum(['watch', 'skip']), stars: z.int() });

const request: LlmRequest = {
  role: 'judge',
  messages: [
    { role: 'system', content: 'You rate films for a viewer who loves dramas.' },
    { role: 'user', content: 'Would you watch "Casablanca (1942)", a drama? Answer in JSON.' },
  ],
  responseSchema: responseSchemaOf('verdict', verdictSchema),
};

describe('the embedded LLM client', () => {
  it('answers in the JSON of the schema, its grammar, with the model’s own token counts', async () => {
    // Prepare
    expect(existsSync(MODEL), `${MODEL} is missing: run scripts/setup.sh`).toBe(true);

    // Act
    const reply = await client.complete(request);

    // Assert
    expect(reply).toMatchObject({
      model: 'gemma',
      finishReason: 'stop',
      maxTokens: 48,
      responseFormat: 'json_schema',
      usd: 0,
      attempts: 1,
    });
    expect(verdictSchema.parse(JSON.parse(reply.text))).toEqual(expect.any(Object));
    expect(reply.usage.estimated).toBe(false);
    expect(reply.usage.promptTokens).toBeGreaterThan(20);
    expect(reply.usage.completionTokens).toBeGreaterThan(5);
    expect(reply.usage.completionTokens).toBeLessThanOrEqual(48);
  }, 120_000);

  it('counts tokens with the model’s tokenizer, not OpenAI’s', async () => {
    // Prepare
    const text = 'Casablanca (1942) — Drama, Romance, War; Ingrid Bergman';

    // Act
    const tokens = await client.countTokens('proposer', text);

    // Assert: Gemma's 262 k vocabulary splits this otherwise than o200k does
    expect(tokens).toBeGreaterThan(5);
    expect(tokens).not.toBe(countTextTokens(text));
  }, 60_000);

  it('stops a generation at its timeout and reports it with the tokens it used', async () => {
    // Prepare: 50 ms cannot even read the prompt
    const slow = createEmbeddedLlmClient(configOf({ timeoutMs: 50, timeoutRetries: 0 }));

    // Act
    const error = await slow.complete(request).then(
      () => undefined,
      (reason: unknown) => reason
    );
    await slow.close();

    // Assert
    expect(error).toBeInstanceOf(LlmError);
    expect(error).toMatchObject({ kind: 'timeout', attempts: 1 });
    expect((error as LlmError).message).toContain('no complete answer within 50 ms');
    expect((error as LlmError).spent).toMatchObject({ model: 'gemma', maxTokens: 48, usd: 0 });
  }, 120_000);
});
