import { countTokens as countO200k } from 'gpt-tokenizer/encoding/o200k_base';
import type { LlmMessage } from '../../core/llm/index.js';

/** Tokens a chat format adds around each message (role and separators), as OpenAI counts them. */
const TOKENS_PER_MESSAGE = 4;

/**
 * Tokens of a text by OpenAI's o200k tokenizer (gpt-4o, gpt-4.1, o-series): exact for those
 * models and close for other BPE tokenizers, which is what fitting a prompt and costing a call
 * that reported no usage need. Special-token text such as `<|endoftext|>` counts as plain text.
 */
function countTextTokens(text: string): number {
  return countO200k(text, { disallowedSpecial: new Set() });
}

function countMessageTokens(messages: readonly LlmMessage[]): number {
  return messages.reduce(
    (sum, message) => sum + TOKENS_PER_MESSAGE + countTextTokens(message.content),
    0
  );
}

export { countMessageTokens, countTextTokens };
