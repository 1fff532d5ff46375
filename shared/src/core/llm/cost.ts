import type { LlmUsage } from './llmClient.js';
import type { ModelPrice } from './llmConfig.js';

const TOKENS_PER_MILLION = 1_000_000;

/** USD of one call's tokens at a model's price. */
function costUsd(
  usage: Pick<LlmUsage, 'promptTokens' | 'completionTokens'>,
  price: ModelPrice
): number {
  return (
    (usage.promptTokens * price.inputUsdPerMillionTokens +
      usage.completionTokens * price.outputUsdPerMillionTokens) /
    TOKENS_PER_MILLION
  );
}

export { costUsd };
