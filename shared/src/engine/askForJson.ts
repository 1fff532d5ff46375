import type { z } from 'zod';
import type { LlmClient, LlmExchange, LlmMessage, LlmRole, PromptFit } from '../core/llm/index.js';
import type { JsonAskResult, PromptTemplates } from '../core/proposal/index.js';
import { askJson } from '../core/proposal/index.js';
import { LlmError } from '../errors.js';

/** An LLM answer read as JSON of a known shape, with the conversation that led to it. */
type JsonAnswer<T> = JsonAskResult<T>;

/**
 * Asks `role` for a JSON object validated by `schema` (its JSON Schema sent with the request).
 * An answer that is not valid JSON of that shape goes back to the model with what was wrong,
 * `correctiveRetries` times at most; an answer that copies the templates' text counts as the
 * wrong shape. Every exchange is appended to `exchanges` (stored with the program), a failed
 * call's with what it spent; an LlmError propagates.
 */
function askForJson<Schema extends z.ZodType>(
  llm: LlmClient,
  templates: PromptTemplates,
  request: {
    readonly role: LlmRole;
    readonly messages: readonly LlmMessage[];
    readonly schema: Schema;
    readonly correctiveRetries: number;
    /** The schema's name in the request; `<role>_answer` by default. */
    readonly schemaName?: string;
    /** How the prompt was fitted to the model's window, recorded with it. */
    readonly fit?: PromptFit;
  },
  exchanges: LlmExchange[]
): Promise<JsonAnswer<z.output<Schema>>> {
  return askJson(
    llm,
    { ...request, retryTemplate: templates['json-retry'], templates: Object.values(templates) },
    exchanges
  );
}

/**
 * The failure reason of an LLM call that failed for good (its retries spent): such a call fails
 * the candidate, not the run. Anything else is a fault of ours and propagates.
 */
function llmFailureReason(error: unknown): string {
  if (error instanceof LlmError) return `LLM call failed (${error.kind}): ${error.message}`;
  throw error;
}

export type { JsonAnswer };
export { askForJson, llmFailureReason };
