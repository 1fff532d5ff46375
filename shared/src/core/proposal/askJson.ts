import type { z } from 'zod';
import { LlmError } from '../../errors.js';
import type { LlmClient, LlmExchange, LlmMessage, LlmRole, PromptFit } from '../llm/index.js';
import { failedLlmExchange, llmExchange, responseSchemaOf } from '../llm/index.js';
import type { LlmJsonProblemKind } from './llmJson.js';
import { parseLlmJson, templateEcho } from './llmJson.js';
import { renderTemplate } from './templates.js';

interface JsonAsk<Schema extends z.ZodType> {
  readonly role: LlmRole;
  readonly messages: readonly LlmMessage[];
  /** Validates the answer; its JSON Schema is sent with the request, one source for both. */
  readonly schema: Schema;
  /** The schema's name in the request; `<role>_answer` by default. */
  readonly schemaName?: string;
  /** Unusable answers sent back with what was wrong (`retryTemplate`, with `{{problem}}`). */
  readonly correctiveRetries: number;
  readonly retryTemplate: string;
  /** The templates the prompt was made from: an answer that copies their text is rejected. */
  readonly templates: readonly string[];
  /** How the prompt was fitted to the model's context window, stored with the first exchange. */
  readonly fit?: PromptFit;
}

type JsonAskResult<T> =
  | {
      readonly ok: true;
      readonly value: T;
      /** The messages sent for the accepted answer, to continue the conversation. */
      readonly messages: readonly LlmMessage[];
      readonly answer: string;
    }
  | { readonly ok: false; readonly kind: LlmJsonProblemKind; readonly problem: string };

/**
 * Asks `role` for a JSON object of `schema`, sending the schema with the request. An answer that
 * does not parse, does not validate or copies the templates' text goes back to the model with
 * what was wrong, `correctiveRetries` times at most; one cut off at the token limit is not sent
 * back, only the request to answer more briefly. Every exchange,
 * a failed call's too (with what it spent), is appended to `exchanges`; an LlmError propagates.
 */
async function askJson<Schema extends z.ZodType>(
  llm: LlmClient,
  ask: JsonAsk<Schema>,
  exchanges: LlmExchange[]
): Promise<JsonAskResult<z.output<Schema>>> {
  const responseSchema = responseSchemaOf(ask.schemaName ?? `${ask.role}_answer`, ask.schema);
  let messages = ask.messages;
  let failure: { kind: LlmJsonProblemKind; problem: string } = { kind: 'unparseable', problem: '' };
  for (let attempt = 0; attempt <= ask.correctiveRetries; attempt += 1) {
    const call = { role: ask.role, messages, responseSchema };
    const fit = attempt === 0 && ask.fit !== undefined ? { fit: ask.fit } : {};
    let reply: Awaited<ReturnType<LlmClient['complete']>>;
    try {
      reply = await llm.complete(call);
    } catch (error) {
      if (error instanceof LlmError)
        exchanges.push({ ...failedLlmExchange(call, error, new Date()), ...fit });
      throw error;
    }
    exchanges.push({ ...llmExchange(call, reply), ...fit });
    const parsed = parseLlmJson(ask.schema, reply.text);
    const echo = parsed.ok ? templateEcho(parsed.value, ask.templates) : undefined;
    if (parsed.ok && echo === undefined) {
      return { ok: true, value: parsed.value, messages, answer: reply.text };
    }
    if (!parsed.ok && reply.finishReason === 'length') {
      failure = {
        kind: 'unparseable',
        problem: `the answer was cut off at the token limit (${reply.maxTokens} tokens) before its JSON was complete; answer more briefly.`,
      };
    } else if (!parsed.ok) {
      failure = { kind: parsed.kind, problem: parsed.problem };
    } else {
      failure = {
        kind: 'schema_mismatch',
        problem: `the answer copies the template's text ("${echo}") instead of a value of its own.`,
      };
    }
    const retry = renderTemplate(ask.retryTemplate, { problem: failure.problem });
    // A cut-off answer is not sent back: it would take the window the shorter answer needs
    // (a fitted prompt plus a whole token limit's answer no longer fits a small model's window).
    messages =
      reply.finishReason === 'length' && !parsed.ok
        ? [...messages, { role: 'user', content: retry }]
        : [
            ...messages,
            { role: 'assistant', content: reply.text },
            { role: 'user', content: retry },
          ];
  }
  return { ok: false, ...failure };
}

export type { JsonAsk, JsonAskResult };
export { askJson };
