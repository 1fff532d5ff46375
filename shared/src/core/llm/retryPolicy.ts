import type { LlmFailureKind } from '../../errors.js';
import type { LlmConfig } from './llmConfig.js';

/** When and how long an LLM client waits before trying a failed call again. */

type RetryPolicy = Pick<
  LlmConfig,
  'maxRetries' | 'timeoutRetries' | 'backoffBaseMs' | 'backoffMaxMs' | 'retryAfterMaxMs'
>;

interface AttemptFailure {
  readonly kind: LlmFailureKind;
  /** The wait the server asked for (Retry-After or retry-after-ms), when it asked. */
  readonly retryAfterMs?: number;
}

type RetryDecision =
  | { readonly retry: true; readonly delayMs: number }
  | { readonly retry: false; readonly reason: string };

/** Transient faults; anything else would fail the same way again (and may cost again). */
const RETRYABLE_KINDS: ReadonlySet<LlmFailureKind> = new Set([
  'timeout',
  'rate_limited',
  'server',
  'connection',
]);

/** The failure an HTTP error status stands for. */
function failureKindOfStatus(status: number): LlmFailureKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  if (status >= 500) return 'server';
  return 'bad_request';
}

/** Response headers, as `Headers` of fetch has them. */
interface HeaderLookup {
  get(name: string): string | null;
}

/**
 * The wait a response asks for: `retry-after-ms` (OpenAI's, in milliseconds) before the standard
 * `Retry-After` (seconds or an HTTP date). Undefined when neither is present or readable.
 */
function retryAfterMs(headers: HeaderLookup, nowMs: number): number | undefined {
  const milliseconds = Number.parseFloat(headers.get('retry-after-ms') ?? '');
  if (Number.isFinite(milliseconds)) return Math.max(0, milliseconds);
  const retryAfter = headers.get('retry-after')?.trim();
  if (!retryAfter) return undefined;
  if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number.parseFloat(retryAfter) * 1000;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Exponential backoff with equal jitter: the step doubles per retry up to the maximum, and the
 * wait is drawn from its upper half, so clients that failed together do not retry together.
 */
function backoffDelayMs(retry: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (retry - 1));
  return step / 2 + (random() * step) / 2;
}

/**
 * Whether to try again after `attemptsMade` attempts, the last of which failed this way, and
 * `timeoutsMade` of which timed out: a timeout is retried `timeoutRetries` times at most, since a
 * model that was too slow once is seldom fast the next time and each try holds the step as long.
 */
function planRetry(
  failure: AttemptFailure,
  attemptsMade: number,
  policy: RetryPolicy,
  random: () => number,
  timeoutsMade = failure.kind === 'timeout' ? 1 : 0
): RetryDecision {
  if (!RETRYABLE_KINDS.has(failure.kind)) {
    return { retry: false, reason: 'not retryable' };
  }
  if (attemptsMade > policy.maxRetries) {
    return { retry: false, reason: `gave up after ${attemptsMade} attempts` };
  }
  if (failure.kind === 'timeout' && timeoutsMade > policy.timeoutRetries) {
    return {
      retry: false,
      reason: `gave up after ${timeoutsMade} timeouts (timeoutRetries ${policy.timeoutRetries})`,
    };
  }
  if (failure.retryAfterMs === undefined) {
    return { retry: true, delayMs: backoffDelayMs(attemptsMade, policy, random) };
  }
  if (failure.retryAfterMs > policy.retryAfterMaxMs) {
    return {
      retry: false,
      reason: `the server asks to wait ${failure.retryAfterMs} ms, more than retryAfterMaxMs (${policy.retryAfterMaxMs})`,
    };
  }
  return { retry: true, delayMs: failure.retryAfterMs };
}

/** The least time worth starting an attempt with: less, and the step's deadline ends the call. */
const MIN_ATTEMPT_MS = 5_000;

/**
 * How long the next attempt may take: the configured timeout, cut to the time left before the
 * step's deadline (its Lambda's limit less a margin to store the result). Undefined when less
 * than MIN_ATTEMPT_MS is left (or the wait before it would not leave that much).
 */
function attemptTimeoutMs(
  timeoutMs: number,
  deadlineMs: number | undefined,
  nowMs: number,
  waitMs = 0
): number | undefined {
  if (deadlineMs === undefined) return timeoutMs;
  const left = deadlineMs - nowMs - waitMs;
  if (left < Math.min(MIN_ATTEMPT_MS, timeoutMs)) return undefined;
  return Math.min(timeoutMs, left);
}

export type { AttemptFailure, HeaderLookup, RetryDecision, RetryPolicy };
export { attemptTimeoutMs, backoffDelayMs, failureKindOfStatus, planRetry, retryAfterMs };
