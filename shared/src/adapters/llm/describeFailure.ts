import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { AttemptFailure } from '../../core/llm/index.js';
import { failureKindOfStatus, retryAfterMs } from '../../core/llm/index.js';
import { redactSecrets } from './redactSecrets.js';

/** A failed attempt, with what the error message may say about it. */
interface DescribedFailure extends AttemptFailure {
  readonly ok: false;
  readonly detail: string;
  readonly status?: number;
}

const MAX_DETAIL_CHARS = 500;

/** The messages of an error and its causes ("fetch failed: connect ECONNREFUSED …"). */
function causeChain(error: unknown): string {
  const messages: string[] = [];
  for (let current = error; current instanceof Error; current = current.cause) {
    messages.push(current.message);
  }
  return messages.join(': ');
}

interface AttemptContext {
  readonly apiKey: string;
  readonly timeoutMs: number;
  /** The attempt's own deadline fired, which surfaces as an abort from inside the SDK. */
  readonly timedOut: boolean;
}

/**
 * What went wrong in one attempt, from what the SDK (or parsing the body) threw. Anything that is
 * no HTTP, network or body fault is a bug, and is rethrown as it is.
 */
function describeFailure(error: unknown, context: AttemptContext): DescribedFailure {
  const detail = (text: string): string =>
    redactSecrets(text, context.apiKey).slice(0, MAX_DETAIL_CHARS);
  if (context.timedOut || error instanceof APIConnectionTimeoutError) {
    const within = `no complete response within timeoutMs (${context.timeoutMs})`;
    return { ok: false, kind: 'timeout', detail: within };
  }
  if (error instanceof APIConnectionError) {
    return { ok: false, kind: 'connection', detail: detail(causeChain(error)) };
  }
  if (error instanceof APIError && error.status !== undefined) {
    const wait = error.headers ? retryAfterMs(error.headers, Date.now()) : undefined;
    return {
      ok: false,
      kind: failureKindOfStatus(error.status),
      status: error.status,
      detail: detail(error.message),
      ...(wait === undefined ? {} : { retryAfterMs: wait }),
    };
  }
  if (error instanceof SyntaxError) {
    return {
      ok: false,
      kind: 'server',
      detail: detail(`the response body is not JSON (${error.message})`),
    };
  }
  throw error;
}

export type { DescribedFailure };
export { describeFailure };
