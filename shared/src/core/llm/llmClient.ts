import { z } from 'zod';
import type { ResponseSchema } from './responseSchema.js';

/** What an LLM call is for; each role has its own model (and temperature) in the config. */
const llmRoleSchema = z.enum(['proposer', 'coder', 'simulator', 'judge']);

const llmMessageSchema = z
  .object({
    role: z.enum(['system', 'user', 'assistant']),
    content: z.string(),
  })
  .strict();

const llmUsageSchema = z
  .object({
    promptTokens: z.int().min(0),
    completionTokens: z.int().min(0),
    /** True when the server reported no usage and the tokens were estimated from the text. */
    estimated: z.boolean(),
  })
  .strict();

type LlmRole = z.infer<typeof llmRoleSchema>;
type LlmMessage = z.infer<typeof llmMessageSchema>;
type LlmUsage = z.infer<typeof llmUsageSchema>;

interface LlmRequest {
  readonly role: LlmRole;
  readonly messages: readonly LlmMessage[];
  /**
   * Ask for JSON of this shape (`response_format: json_schema`, strict; an embedded model's
   * grammar); the caller still validates the answer with the zod schema it was made from.
   */
  readonly responseSchema?: ResponseSchema;
  /** Overrides the role's token limit from the config. */
  readonly maxTokens?: number;
  /** Overrides the role's temperature from the config. */
  readonly temperature?: number;
}

/** How the request asked for the answer's shape. */
const responseFormatSchema = z.enum(['json_schema', 'json_object', 'text']);
type ResponseFormat = z.infer<typeof responseFormatSchema>;

interface LlmReply {
  readonly text: string;
  /** The configured model of the role, the key of its price. */
  readonly model: string;
  /** `stop`, or `length` when the text was cut at the token limit. */
  readonly finishReason: string;
  /** The token limit the answer had. */
  readonly maxTokens: number;
  readonly responseFormat: ResponseFormat;
  /** What the client changed on its own, e.g. a schema the endpoint refused. */
  readonly note?: string;
  /** Every attempt's tokens, failed ones included. */
  readonly usage: LlmUsage;
  readonly usd: number;
  /** ISO time the first attempt started (after waiting for a concurrency slot). */
  readonly startedAt: string;
  /** From the first attempt's start to the reply, retries and their waits included. */
  readonly latencyMs: number;
  /** HTTP requests made, 1 when the first one succeeded. */
  readonly attempts: number;
}

/** The port every LLM strategy calls; a failed call throws LlmError, with what it spent. */
interface LlmClient {
  complete(request: LlmRequest): Promise<LlmReply>;
  /** Tokens of a text for a role's model, by a real tokenizer (the model's own when it has one). */
  countTokens(role: LlmRole, text: string): Promise<number>;
  /** Lets go of connections and models, so that a process can end. */
  close(): Promise<void>;
}

export type { LlmClient, LlmMessage, LlmReply, LlmRequest, LlmRole, LlmUsage, ResponseFormat };
export { llmMessageSchema, llmRoleSchema, llmUsageSchema, responseFormatSchema };
