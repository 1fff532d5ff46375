import { describe, expect, it } from 'vitest';
import type { LedgerEntry, LlmExchange } from '../../../../shared/src/core/llm/index.js';
import {
  failedLlmExchange,
  ledgerEntrySchema,
  ledgerTotals,
  llmExchange,
  llmExchangeSchema,
  llmLedgerEntry,
} from '../../../../shared/src/core/llm/index.js';
import { LlmError } from '../../../../shared/src/errors.js';

const at = '2026-03-01T12:00:00.000Z';

const entries: LedgerEntry[] = [
  {
    kind: 'llm',
    usd: 0.01,
    at,
    role: 'proposer',
    model: 'gpt-4.1',
    promptTokens: 3_000,
    completionTokens: 500,
  },
  { kind: 'llm', usd: 0.002, at, role: 'simulator', promptTokens: 1_000, completionTokens: 100 },
  { kind: 'gpu', usd: 0.12, at, programId: 'p1', seconds: 300 },
  { kind: 'lambda', usd: 0.0001, at },
  { kind: 'lambda', usd: 0.0002, at },
];

describe('ledgerTotals', () => {
  it('sums USD per kind and in all, tokens, and entries per kind', () => {
    // Prepare / Act
    const totals = ledgerTotals(entries);

    // Assess
    expect(totals.usd).toBeCloseTo(0.1323, 12);
    expect(totals.usdByKind.llm).toBeCloseTo(0.012, 12);
    expect(totals.usdByKind.gpu).toBeCloseTo(0.12, 12);
    expect(totals.usdByKind.lambda).toBeCloseTo(0.0003, 12);
    expect(totals.countByKind).toEqual({ llm: 2, gpu: 1, lambda: 2 });
    expect(totals.promptTokens).toBe(4_000);
    expect(totals.completionTokens).toBe(600);
  });

  it('is all zeros for an empty ledger', () => {
    // Prepare / Act
    const totals = ledgerTotals([]);

    // Assess
    expect(totals).toEqual({
      usd: 0,
      usdByKind: { llm: 0, gpu: 0, lambda: 0 },
      countByKind: { llm: 0, gpu: 0, lambda: 0 },
      secondsByKind: { llm: 0, gpu: 0, lambda: 0 },
      promptTokens: 0,
      completionTokens: 0,
      failedLlmCalls: 0,
    });
  });
});

describe('LLM exchanges in the ledger', () => {
  const request = {
    role: 'coder',
    messages: [{ role: 'user', content: 'Write the edits.' }],
  } as const;
  const reply = {
    text: '<<<<<<< SEARCH',
    model: 'gpt-4.1',
    finishReason: 'stop',
    maxTokens: 4_000,
    responseFormat: 'json_schema',
    usage: { promptTokens: 1_200, completionTokens: 300, estimated: false },
    usd: 0.0048,
    startedAt: at,
    latencyMs: 2_500,
    attempts: 2,
  } as const;

  it('records the request and the reply as one exchange that its schema accepts', () => {
    // Prepare / Act
    const exchange: LlmExchange = llmExchange(request, reply);

    // Assess
    expect(exchange).toEqual({
      role: 'coder',
      model: 'gpt-4.1',
      messages: [{ role: 'user', content: 'Write the edits.' }],
      responseText: '<<<<<<< SEARCH',
      finishReason: 'stop',
      usage: reply.usage,
      usd: 0.0048,
      startedAt: at,
      latencyMs: 2_500,
      attempts: 2,
      maxTokens: 4_000,
      responseFormat: 'json_schema',
    });
    expect(llmExchangeSchema.parse(exchange)).toEqual(exchange);
  });

  it('turns an exchange into an llm ledger entry of its program, dated when it started, timed', () => {
    // Prepare
    const exchange = llmExchange(request, reply);

    // Act
    const entry = llmLedgerEntry(exchange, 'program-7');

    // Assess
    expect(entry).toEqual({
      kind: 'llm',
      usd: 0.0048,
      at,
      role: 'coder',
      model: 'gpt-4.1',
      promptTokens: 1_200,
      completionTokens: 300,
      seconds: 2.5,
      programId: 'program-7',
    });
    expect(ledgerEntrySchema.parse(entry)).toEqual(entry);
    expect(llmLedgerEntry(exchange)).not.toHaveProperty('programId');
  });

  it('keeps a call that failed for good in the ledger with what it spent, and counts it', () => {
    // Prepare: a call that timed out after its retries, its tokens counted by the client
    const error = new LlmError('timeout', 2, 'LLM call of coder to gpt-4.1 failed (timeout)', {
      spent: {
        model: 'gpt-4.1',
        usage: { promptTokens: 2_400, completionTokens: 8_000, estimated: true },
        usd: 0.0688,
        startedAt: at,
        latencyMs: 240_000,
        maxTokens: 4_000,
      },
    });

    // Act
    const exchange = failedLlmExchange(request, error, new Date(at));
    const entry = llmLedgerEntry(exchange, 'program-8');

    // Assess
    expect(llmExchangeSchema.parse(exchange)).toEqual(exchange);
    expect(exchange).toMatchObject({ finishReason: 'error', responseText: '', attempts: 2 });
    expect(entry).toEqual({
      kind: 'llm',
      usd: 0.0688,
      at,
      role: 'coder',
      model: 'gpt-4.1',
      promptTokens: 2_400,
      completionTokens: 8_000,
      seconds: 240,
      estimated: true,
      failed: 'timeout',
      programId: 'program-8',
    });
    expect(ledgerTotals([entry])).toMatchObject({ failedLlmCalls: 1, usd: 0.0688 });
  });

  it('rejects a stored entry with a negative cost or an unknown field', () => {
    // Prepare / Act / Assess
    expect(ledgerEntrySchema.safeParse({ kind: 'gpu', usd: -1, at }).success).toBe(false);
    expect(ledgerEntrySchema.safeParse({ kind: 'gpu', usd: 1, at, gpu: 'h100' }).success).toBe(
      false
    );
  });
});
