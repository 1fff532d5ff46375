import type { LlmExchange } from './exchange.js';
import type { LlmRole } from './llmClient.js';

/**
 * What one role's LLM calls of a run did: how many, how many failed or were cut off at the token
 * limit, how long each took, the tokens, and the prompts' sizes before and after fitting them to
 * the model's window (the first call of each conversation carries its fit).
 */
interface RoleCallStats {
  readonly role: LlmRole;
  readonly calls: number;
  readonly failed: number;
  readonly cutOff: number;
  readonly meanSeconds: number;
  readonly maxSeconds: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly prompts: {
    readonly fitted: number;
    readonly meanFullTokens: number | null;
    readonly meanFittedTokens: number | null;
    readonly maxFullTokens: number | null;
    readonly maxFittedTokens: number | null;
    readonly meanChars: number;
    /** What the fitting left out, and how often. */
    readonly dropped: Readonly<Record<string, number>>;
  };
}

function callStats(exchanges: readonly LlmExchange[]): RoleCallStats[] {
  const roles = [...new Set(exchanges.map((exchange) => exchange.role))].sort();
  return roles.map((role) => {
    const calls = exchanges.filter((exchange) => exchange.role === role);
    const seconds = calls.map((exchange) => exchange.latencyMs / 1000);
    const fits = calls.flatMap((exchange) => (exchange.fit === undefined ? [] : [exchange.fit]));
    const dropped: Record<string, number> = {};
    for (const fit of fits) {
      for (const label of fit.dropped) {
        const kind = label.replace(/ \S+$/, '').replace(/ \d+$/, '');
        dropped[kind] = (dropped[kind] ?? 0) + 1;
      }
    }
    const chars = calls.map((exchange) =>
      exchange.messages.reduce((sum, message) => sum + message.content.length, 0)
    );
    return {
      role,
      calls: calls.length,
      failed: calls.filter((exchange) => exchange.error !== undefined).length,
      cutOff: calls.filter((exchange) => exchange.finishReason === 'length').length,
      meanSeconds: mean(seconds) ?? 0,
      maxSeconds: Math.max(0, ...seconds),
      promptTokens: sum(calls.map((exchange) => exchange.usage.promptTokens)),
      completionTokens: sum(calls.map((exchange) => exchange.usage.completionTokens)),
      prompts: {
        fitted: fits.length,
        meanFullTokens: mean(fits.map((fit) => fit.fullTokens)),
        meanFittedTokens: mean(fits.map((fit) => fit.promptTokens)),
        maxFullTokens: fits.length === 0 ? null : Math.max(...fits.map((fit) => fit.fullTokens)),
        maxFittedTokens:
          fits.length === 0 ? null : Math.max(...fits.map((fit) => fit.promptTokens)),
        meanChars: mean(chars) ?? 0,
        dropped,
      },
    };
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : sum(values) / values.length;
}

export type { RoleCallStats };
export { callStats };
