import type { LlmMessage, LlmUsage } from './llmClient.js';
import type { ModelPrice } from './llmConfig.js';

const TOKENS_PER_MILLION = 1_000_000;

/** A rough tokenizer-free count (about four characters a token for English and code). */
const CHARS_PER_TOKEN = 4;

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

/**
 * Tokens guessed from the text, for servers that report no usage: a call is never costed at 0
 * because its usage is missing. Also good for a next-call estimate before a budget check.
 */
function estimateUsage(messages: readonly LlmMessage[], completion: string): LlmUsage {
  const promptChars = messages.reduce((sum, message) => sum + message.content.length, 0);
  return {
    promptTokens: Math.ceil(promptChars / CHARS_PER_TOKEN),
    completionTokens: Math.ceil(completion.length / CHARS_PER_TOKEN),
    estimated: true,
  };
}

export { costUsd, estimateUsage };
