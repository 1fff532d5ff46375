import type { z } from 'zod';
import { LlmError } from '../../errors.js';
import type { LlmClient, LlmExchange, LlmMessage, LlmRole } from '../llm/index.js';
import { llmExchange } from '../llm/index.js';
import { parseLlmJson, renderTemplate } from '../proposal/index.js';

type JsonReply<T> =
  | { readonly ok: true; readonly value: T; readonly exchanges: readonly LlmExchange[] }
  | { readonly ok: false; readonly reason: string; readonly exchanges: readonly LlmExchange[] };

/**
 * Asks for one JSON object of `schema`; an unusable answer goes back once with what was wrong
 * (`retryTemplate`, with `{{problem}}`). A second unusable answer, or an LLM call that failed for
 * good (LlmError, its transport retries spent), is a failure with its reason; any other error is
 * a fault of ours and propagates. Every exchange is returned, failed or not.
 */
async function askJsonWithRetry<Schema extends z.ZodType>(
  llm: LlmClient,
  request: {
    readonly role: LlmRole;
    readonly messages: readonly LlmMessage[];
    readonly schema: Schema;
    readonly retryTemplate: string;
  }
): Promise<JsonReply<z.output<Schema>>> {
  const exchanges: LlmExchange[] = [];
  let messages = request.messages;
  let problem = '';
  try {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const call = { role: request.role, messages, json: true };
      const reply = await llm.complete(call);
      exchanges.push(llmExchange(call, reply));
      const parsed = parseLlmJson(request.schema, reply.text);
      if (parsed.ok) return { ok: true, value: parsed.value, exchanges };
      problem = parsed.problem;
      messages = [
        ...messages,
        { role: 'assistant', content: reply.text },
        { role: 'user', content: renderTemplate(request.retryTemplate, { problem }) },
      ];
    }
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { ok: false, reason: `LLM call failed (${error.kind}): ${error.message}`, exchanges };
  }
  return { ok: false, reason: `unusable answer after one retry: ${problem}`, exchanges };
}

export type { JsonReply };
export { askJsonWithRetry };
