import { z } from 'zod';
import type { LlmError } from '../../errors.js';
import type { LlmReply, LlmRequest } from './llmClient.js';
import {
  llmMessageSchema,
  llmRoleSchema,
  llmUsageSchema,
  responseFormatSchema,
} from './llmClient.js';
import { promptFitSchema } from './promptFit.js';

/**
 * One prompt and its response, stored with the program it produced (S3 JSON), so that every
 * proposal can be read back and audited; a call that failed for good is stored too, with what it
 * spent and why it failed. Parse it with the schema when reading it back.
 */
const llmExchangeSchema = z
  .object({
    role: llmRoleSchema,
    model: z.string().min(1),
    messages: z.array(llmMessageSchema),
    responseText: z.string(),
    /** `stop`, `length` (cut off at the token limit) or, for a failed call, `error`. */
    finishReason: z.string(),
    usage: llmUsageSchema,
    usd: z.number().min(0),
    startedAt: z.iso.datetime(),
    latencyMs: z.number().min(0),
    attempts: z.int().min(1),
    maxTokens: z.int().min(1).optional(),
    responseFormat: responseFormatSchema.optional(),
    /** What the client changed on its own (a schema the endpoint refused). */
    note: z.string().optional(),
    /** How the prompt was fitted to the model's context window. */
    fit: promptFitSchema.optional(),
    /** A call that failed for good: its kind and message. */
    error: z
      .object({ kind: z.string().min(1), message: z.string() })
      .strict()
      .optional(),
  })
  .strict();

type LlmExchange = z.infer<typeof llmExchangeSchema>;

/** The record of a call that succeeded. */
function llmExchange(request: LlmRequest, reply: LlmReply): LlmExchange {
  return {
    role: request.role,
    model: reply.model,
    messages: request.messages.map((message) => ({ ...message })),
    responseText: reply.text,
    finishReason: reply.finishReason,
    usage: reply.usage,
    usd: reply.usd,
    startedAt: reply.startedAt,
    latencyMs: reply.latencyMs,
    attempts: reply.attempts,
    maxTokens: reply.maxTokens,
    responseFormat: reply.responseFormat,
    ...(reply.note === undefined ? {} : { note: reply.note }),
  };
}

/** The record of a call that failed for good: its tokens count all the same. */
function failedLlmExchange(request: LlmRequest, error: LlmError, at: Date): LlmExchange {
  const { spent } = error;
  return {
    role: request.role,
    model: spent?.model ?? 'unknown',
    messages: request.messages.map((message) => ({ ...message })),
    responseText: '',
    finishReason: 'error',
    usage: spent?.usage ?? { promptTokens: 0, completionTokens: 0, estimated: true },
    usd: spent?.usd ?? 0,
    startedAt: spent?.startedAt ?? at.toISOString(),
    latencyMs: spent?.latencyMs ?? 0,
    attempts: Math.max(1, error.attempts),
    ...(spent === undefined ? {} : { maxTokens: spent.maxTokens }),
    error: { kind: error.kind, message: error.message },
  };
}

export type { LlmExchange };
export { failedLlmExchange, llmExchange, llmExchangeSchema };
