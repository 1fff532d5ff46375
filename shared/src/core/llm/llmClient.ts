import { z } from 'zod';

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
  /** Ask for a JSON object (`response_format: json_object`); the caller still validates it. */
  readonly json?: boolean;
  readonly maxTokens?: number;
  /** Overrides the role's temperature from the config. */
  readonly temperature?: number;
}

interface LlmReply {
  readonly text: string;
  /** The configured model of the role, the key of its price. */
  readonly model: string;
  /** `stop`, or `length` when the text was cut at the token limit. */
  readonly finishReason: string;
  readonly usage: LlmUsage;
  readonly usd: number;
  /** ISO time the first attempt started (after waiting for a concurrency slot). */
  readonly startedAt: string;
  /** From the first attempt's start to the reply, retries and their waits included. */
  readonly latencyMs: number;
  /** HTTP requests made, 1 when the first one succeeded. */
  readonly attempts: number;
}

/** The port every LLM strategy calls; a failed call throws LlmError. */
interface LlmClient {
  complete(request: LlmRequest): Promise<LlmReply>;
}

export type { LlmClient, LlmMessage, LlmReply, LlmRequest, LlmRole, LlmUsage };
export { llmMessageSchema, llmRoleSchema, llmUsageSchema };
