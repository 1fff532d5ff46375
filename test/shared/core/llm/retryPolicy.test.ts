import { describe, expect, it } from 'vitest';
import type { RetryPolicy } from '../../../../shared/src/core/llm/index.js';
import {
  backoffDelayMs,
  failureKindOfStatus,
  planRetry,
  retryAfterMs,
} from '../../../../shared/src/core/llm/index.js';

const policy: RetryPolicy = {
  maxRetries: 3,
  timeoutRetries: 1,
  backoffBaseMs: 100,
  backoffMaxMs: 1_000,
  retryAfterMaxMs: 5_000,
};

const headers = (values: Record<string, string>) => ({
  get: (name: string) => values[name] ?? null,
});

const now = Date.parse('2026-03-01T12:00:00Z');

describe('failureKindOfStatus', () => {
  it.each([
    [400, 'bad_request'],
    [401, 'auth'],
    [403, 'auth'],
    [404, 'bad_request'],
    [408, 'timeout'],
    [422, 'bad_request'],
    [429, 'rate_limited'],
    [500, 'server'],
    [503, 'server'],
  ] as const)('maps HTTP %i to %s', (status, kind) => {
    // Prepare / Act / Assess
    expect(failureKindOfStatus(status)).toBe(kind);
  });
});

describe('retryAfterMs', () => {
  it('reads Retry-After in seconds, fractions included', () => {
    // Prepare / Act / Assess
    expect(retryAfterMs(headers({ 'retry-after': '2' }), now)).toBe(2_000);
    expect(retryAfterMs(headers({ 'retry-after': '0.5' }), now)).toBe(500);
  });

  it('reads Retry-After as an HTTP date, relative to now', () => {
    // Prepare
    const value = new Date(now + 7_000).toUTCString();

    // Act / Assess
    expect(retryAfterMs(headers({ 'retry-after': value }), now)).toBe(7_000);
  });

  it('waits 0, not a negative time, for a date in the past', () => {
    // Prepare
    const value = new Date(now - 7_000).toUTCString();

    // Act / Assess
    expect(retryAfterMs(headers({ 'retry-after': value }), now)).toBe(0);
  });

  it('prefers retry-after-ms over Retry-After', () => {
    // Prepare / Act / Assess
    expect(retryAfterMs(headers({ 'retry-after-ms': '250', 'retry-after': '9' }), now)).toBe(250);
  });

  it('is undefined when the headers ask for nothing readable', () => {
    // Prepare / Act / Assess
    expect(retryAfterMs(headers({}), now)).toBeUndefined();
    expect(retryAfterMs(headers({ 'retry-after': 'soon' }), now)).toBeUndefined();
  });
});

describe('backoffDelayMs', () => {
  it('doubles per retry, draws from the upper half of the step, and stops at the maximum', () => {
    // Prepare / Act / Assess
    expect(backoffDelayMs(1, policy, () => 0)).toBe(50);
    expect(backoffDelayMs(1, policy, () => 1)).toBe(100);
    expect(backoffDelayMs(3, policy, () => 1)).toBe(400);
    expect(backoffDelayMs(10, policy, () => 0.5)).toBe(750);
  });
});

describe('planRetry', () => {
  it.each(['auth', 'bad_request', 'empty_response'] as const)('never retries %s', (kind) => {
    // Prepare / Act
    const decision = planRetry({ kind }, 1, policy, () => 0);

    // Assess
    expect(decision).toEqual({ retry: false, reason: 'not retryable' });
  });

  it.each(['timeout', 'rate_limited', 'server', 'connection'] as const)(
    'retries %s with backoff while retries are left',
    (kind) => {
      // Prepare / Act
      const decision = planRetry({ kind }, 2, policy, () => 1);

      // Assess
      expect(decision).toEqual({ retry: true, delayMs: 200 });
    }
  );

  it('gives up once the attempts exceed maxRetries', () => {
    // Prepare / Act
    const decision = planRetry({ kind: 'server' }, 4, policy, () => 0);

    // Assess
    expect(decision).toEqual({ retry: false, reason: 'gave up after 4 attempts' });
  });

  it('waits exactly what the server asked for instead of the backoff', () => {
    // Prepare / Act
    const decision = planRetry({ kind: 'rate_limited', retryAfterMs: 3_000 }, 1, policy, () => 0);

    // Assess
    expect(decision).toEqual({ retry: true, delayMs: 3_000 });
  });

  it('gives up when the server asks for a wait longer than retryAfterMaxMs', () => {
    // Prepare / Act
    const decision = planRetry({ kind: 'rate_limited', retryAfterMs: 60_000 }, 1, policy, () => 0);

    // Assess
    expect(decision).toEqual({
      retry: false,
      reason: 'the server asks to wait 60000 ms, more than retryAfterMaxMs (5000)',
    });
  });
});
