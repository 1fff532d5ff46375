import type { z } from 'zod';
import type { LlmClient, LlmExchange, LlmMessage, LlmRole } from '../core/llm/index.js';
import { llmExchange } from '../core/llm/index.js';
import type { PromptTemplates } from '../core/proposal/index.js';
import { jsonRetryMessages, parseLlmJson } from '../core/proposal/index.js';
import { LlmError } from '../errors.js';

/** An LLM answer read as JSON of a known shape, with the conversation that led to it. */
type JsonAnswer<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** The messages sent for the accepted answer, to continue the conversation. */
      readonly messages: readonly LlmMessage[];
      readonly answer: string;
    }
  | { readonly ok: false; readonly problem: string };

/**
 * Asks `role` for a JSON object validated by `schema`. An answer that is not valid JSON of that
 * shape goes back to the model with what was wrong, `correctiveRetries` times at most. Every
 * exchange is appended to `exchanges` (stored with the program); an LlmError propagates.
 */
async function askForJson<Schema extends z.ZodType>(
  llm: LlmClient,
  templates: PromptTemplates,
  request: {
    readonly role: LlmRole;
    readonly messages: readonly LlmMessage[];
    readonly schema: Schema;
    readonly correctiveRetries: number;
  },
  exchanges: LlmExchange[]
): Promise<JsonAnswer<z.output<Schema>>> {
  let messages = request.messages;
  let problem = '';
  for (let attempt = 0; attempt <= request.correctiveRetries; attempt += 1) {
    const call = { role: request.role, messages, json: true };
    const reply = await llm.complete(call);
    exchanges.push(llmExchange(call, reply));
    const parsed = parseLlmJson(request.schema, reply.text);
    if (parsed.ok) return { ok: true, value: parsed.value, messages, answer: reply.text };
    problem = parsed.problem;
    messages = jsonRetryMessages(templates, messages, reply.text, problem);
  }
  return { ok: false, problem };
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
