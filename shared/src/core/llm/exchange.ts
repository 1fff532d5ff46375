import { z } from 'zod';
import type { LlmReply, LlmRequest } from './llmClient.js';
import { llmMessageSchema, llmRoleSchema, llmUsageSchema } from './llmClient.js';

/**
 * One prompt and its response, stored with the program it produced (S3 JSON), so that every
 * proposal can be read back and audited. Parse it with the schema when reading it back.
 */
const llmExchangeSchema = z
  .object({
    role: llmRoleSchema,
    model: z.string().min(1),
    messages: z.array(llmMessageSchema),
    responseText: z.string(),
    finishReason: z.string(),
    usage: llmUsageSchema,
    usd: z.number().min(0),
    startedAt: z.iso.datetime(),
    latencyMs: z.number().min(0),
    attempts: z.int().min(1),
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
  };
}

export type { LlmExchange };
export { llmExchange, llmExchangeSchema };
