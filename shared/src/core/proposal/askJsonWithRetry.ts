import type { z } from 'zod';
import { LlmError } from '../../errors.js';
import type { LlmClient, LlmExchange, LlmMessage, LlmRole } from '../llm/index.js';
import { askJson } from './askJson.js';

type JsonReply<T> =
  | { readonly ok: true; readonly value: T; readonly exchanges: readonly LlmExchange[] }
  | { readonly ok: false; readonly reason: string; readonly exchanges: readonly LlmExchange[] };

/**
 * Asks for one JSON object of `schema` (sent with the request); an unusable answer goes back
 * `correctiveRetries` times (once by default) with what was wrong (`retryTemplate`, with
 * `{{problem}}`). An answer still unusable, or an LLM call that failed for good (LlmError, its
 * transport retries spent), is a failure with its reason; any other error is a fault of ours and
 * propagates. Every exchange is returned, failed or not, with what it spent.
 */
async function askJsonWithRetry<Schema extends z.ZodType>(
  llm: LlmClient,
  request: {
    readonly role: LlmRole;
    readonly messages: readonly LlmMessage[];
    readonly schema: Schema;
    readonly schemaName?: string;
    readonly retryTemplate: string;
    /** The templates the prompt was made from: an answer that copies their text is rejected. */
    readonly templates: readonly string[];
    readonly correctiveRetries?: number;
  }
): Promise<JsonReply<z.output<Schema>>> {
  const exchanges: LlmExchange[] = [];
  const retries = request.correctiveRetries ?? 1;
  try {
    const answer = await askJson(llm, { ...request, correctiveRetries: retries }, exchanges);
    if (answer.ok) return { ok: true, value: answer.value, exchanges };
    const after =
      retries === 0 ? '' : ` after ${retries} corrective ${retries === 1 ? 'retry' : 'retries'}`;
    return {
      ok: false,
      reason: `unusable answer${after} (${answer.kind}): ${answer.problem}`,
      exchanges,
    };
  } catch (error) {
    if (!(error instanceof LlmError)) throw error;
    return { ok: false, reason: `LLM call failed (${error.kind}): ${error.message}`, exchanges };
  }
}

export type { JsonReply };
export { askJsonWithRetry };
