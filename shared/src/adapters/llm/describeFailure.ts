import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';
import type { AttemptFailure } from '../../core/llm/index.js';
import { failureKindOfStatus, retryAfterMs } from '../../core/llm/index.js';
import { redactSecrets } from './redactSecrets.js';

/** A failed attempt, with what the error message may say about it. */
interface DescribedFailure extends AttemptFailure {
  readonly ok: false;
  readonly detail: string;
  readonly status?: number;
  /** Tokens the server reported for the failed attempt, when it did. */
  readonly usage?: { readonly promptTokens: number; readonly completionTokens: number };
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

/** undici's own timers, which would end a slow answer behind the configured timeout's back. */
const HTTP_CLIENT_TIMEOUTS: Readonly<Record<string, string>> = {
  UND_ERR_HEADERS_TIMEOUT: "the HTTP client's headers timeout fired before the server answered",
  UND_ERR_BODY_TIMEOUT: "the HTTP client's body timeout fired while the answer was being read",
  UND_ERR_CONNECT_TIMEOUT: 'the connection could not be opened in time',
};

function httpClientTimeout(error: unknown): string | undefined {
  for (let current = error; current instanceof Error; current = current.cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && HTTP_CLIENT_TIMEOUTS[code] !== undefined) {
      return HTTP_CLIENT_TIMEOUTS[code];
    }
  }
  return undefined;
}

interface AttemptContext {
  readonly apiKey: string;
  /** This attempt's limit: the configured timeout, or less where the step's deadline is nearer. */
  readonly timeoutMs: number;
  readonly configuredTimeoutMs: number;
  /** The attempt's own deadline fired, which surfaces as an abort from inside the SDK. */
  readonly timedOut: boolean;
}

/**
 * What went wrong in one attempt, from what the SDK (or parsing the body) threw. A timeout says
 * whose timer fired and when; anything that is no HTTP, network or body fault is a bug, and is
 * rethrown as it is.
 */
function describeFailure(error: unknown, context: AttemptContext): DescribedFailure {
  const detail = (text: string): string =>
    redactSecrets(text, context.apiKey).slice(0, MAX_DETAIL_CHARS);
  const clientTimeout = httpClientTimeout(error);
  if (
    context.timedOut ||
    clientTimeout !== undefined ||
    error instanceof APIConnectionTimeoutError
  ) {
    const limit =
      context.timeoutMs < context.configuredTimeoutMs
        ? `${context.timeoutMs} ms, all the step's time left (timeoutMs is ${context.configuredTimeoutMs})`
        : `timeoutMs (${context.configuredTimeoutMs})`;
    const cause = context.timedOut ? '' : `: ${clientTimeout ?? detail(causeChain(error))}`;
    return { ok: false, kind: 'timeout', detail: `no complete response within ${limit}${cause}` };
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
