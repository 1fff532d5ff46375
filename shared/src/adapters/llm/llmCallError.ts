import type { LlmRole, LlmUsage, ModelPrice } from '../../core/llm/index.js';
import { costUsd } from '../../core/llm/index.js';
import { LlmError } from '../../errors.js';

/** One LLM call as both clients describe it when it fails for good. */
interface LlmCall {
  readonly role: LlmRole;
  readonly model: string;
  readonly price: ModelPrice;
  readonly maxTokens: number;
  readonly startedAt: Date;
}

/**
 * The LlmError of a call that failed for good, carrying what its attempts spent (tokens, USD,
 * time), so that the ledger and the budget see failed calls too.
 */
function llmCallError(
  call: LlmCall,
  failure: {
    readonly kind: LlmError['kind'];
    readonly attempts: number;
    readonly detail: string;
    readonly spent: LlmUsage;
    readonly status?: number;
  }
): LlmError {
  const { kind, status, spent } = failure;
  const http = status === undefined ? '' : `, HTTP ${status}`;
  return new LlmError(
    kind,
    failure.attempts,
    `LLM call of ${call.role} to ${call.model} failed (${kind}${http}), ${failure.detail}`,
    {
      ...(status === undefined ? {} : { status }),
      spent: {
        model: call.model,
        usage: spent,
        usd: costUsd(spent, call.price),
        startedAt: call.startedAt.toISOString(),
        latencyMs: Date.now() - call.startedAt.getTime(),
        maxTokens: call.maxTokens,
      },
    }
  );
}

export type { LlmCall };
export { llmCallError };
