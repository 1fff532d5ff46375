import { z } from 'zod';
import type { LlmExchange } from './exchange.js';
import { llmRoleSchema } from './llmClient.js';

/** What a run pays for: LLM tokens, GPU seconds of training jobs, Lambda invocations. */
const ledgerKindSchema = z.enum(['llm', 'gpu', 'lambda']);

/** One cost of a run, stored in its ledger; the fields beyond kind, usd and at say what it was. */
const ledgerEntrySchema = z
  .object({
    kind: ledgerKindSchema,
    usd: z.number().min(0),
    at: z.iso.datetime(),
    role: llmRoleSchema.optional(),
    model: z.string().min(1).optional(),
    promptTokens: z.int().min(0).optional(),
    completionTokens: z.int().min(0).optional(),
    /** True when the tokens were counted here (a tokenizer, the token limit), not by the server. */
    estimated: z.boolean().optional(),
    /** An LLM call that failed for good: its kind (`timeout`, `server`, …). */
    failed: z.string().min(1).optional(),
    /** What the client changed on its own (a schema the endpoint refused). */
    note: z.string().optional(),
    programId: z.string().min(1).optional(),
    seconds: z.number().min(0).optional(),
  })
  .strict();

type LedgerKind = z.infer<typeof ledgerKindSchema>;
type LedgerEntry = z.infer<typeof ledgerEntrySchema>;

interface LedgerTotals {
  readonly usd: number;
  readonly usdByKind: Readonly<Record<LedgerKind, number>>;
  /** Entries per kind: LLM calls, GPU jobs, Lambda invocations. */
  readonly countByKind: Readonly<Record<LedgerKind, number>>;
  /** Seconds per kind: of LLM calls, of training jobs, of step invocations. */
  readonly secondsByKind: Readonly<Record<LedgerKind, number>>;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** LLM calls that failed for good (their tokens are in the totals all the same). */
  readonly failedLlmCalls: number;
}

/** The ledger entry of an LLM call, dated when the call started, with how long it took. */
function llmLedgerEntry(exchange: LlmExchange, programId?: string): LedgerEntry {
  return {
    kind: 'llm',
    usd: exchange.usd,
    at: exchange.startedAt,
    role: exchange.role,
    model: exchange.model,
    promptTokens: exchange.usage.promptTokens,
    completionTokens: exchange.usage.completionTokens,
    seconds: exchange.latencyMs / 1000,
    ...(exchange.usage.estimated ? { estimated: true } : {}),
    ...(exchange.error === undefined ? {} : { failed: exchange.error.kind }),
    ...(exchange.note === undefined ? {} : { note: exchange.note }),
    ...(programId === undefined ? {} : { programId }),
  };
}

function ledgerTotals(entries: readonly LedgerEntry[]): LedgerTotals {
  const usdByKind = { llm: 0, gpu: 0, lambda: 0 };
  const countByKind = { llm: 0, gpu: 0, lambda: 0 };
  const secondsByKind = { llm: 0, gpu: 0, lambda: 0 };
  let promptTokens = 0;
  let completionTokens = 0;
  let failedLlmCalls = 0;
  for (const entry of entries) {
    if (entry.failed !== undefined) failedLlmCalls += 1;
    usdByKind[entry.kind] += entry.usd;
    countByKind[entry.kind] += 1;
    secondsByKind[entry.kind] += entry.seconds ?? 0;
    promptTokens += entry.promptTokens ?? 0;
    completionTokens += entry.completionTokens ?? 0;
  }
  return {
    usd: usdByKind.llm + usdByKind.gpu + usdByKind.lambda,
    usdByKind,
    countByKind,
    secondsByKind,
    promptTokens,
    completionTokens,
    failedLlmCalls,
  };
}

export type { LedgerEntry, LedgerKind, LedgerTotals };
export { ledgerEntrySchema, ledgerKindSchema, ledgerTotals, llmLedgerEntry };
