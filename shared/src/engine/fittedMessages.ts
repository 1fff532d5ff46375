import type { LlmClient, LlmMessage, LlmRole, OptionalPart, PromptFit } from '../core/llm/index.js';
import { fitPrompt } from '../core/llm/index.js';

/** Tokens a chat format adds around each message (role and separators). */
const TOKENS_PER_MESSAGE = 4;

/** A conversation fitted to a role's prompt budget, and how (stored with the prompt). */
interface FittedMessages {
  readonly messages: readonly LlmMessage[];
  readonly fit: PromptFit;
}

/**
 * The conversation `render` makes from the optional `parts` that fit `budget` tokens, counted
 * by the client's tokenizer for the role's model, parts left out whole, least important first.
 * Without a budget every part is kept and the prompt's size is still recorded.
 */
async function fittedMessages<Part extends OptionalPart>(
  llm: LlmClient,
  role: LlmRole,
  budget: number | undefined,
  parts: readonly Part[],
  render: (kept: readonly Part[]) => LlmMessage[]
): Promise<FittedMessages> {
  const count = async (messages: readonly LlmMessage[]): Promise<number> => {
    const counts = await Promise.all(
      messages.map((message) => llm.countTokens(role, message.content))
    );
    return counts.reduce((sum, tokens) => sum + tokens + TOKENS_PER_MESSAGE, 0);
  };
  const { prompt, fit } = await fitPrompt(parts, budget ?? Number.POSITIVE_INFINITY, render, count);
  return {
    messages: prompt,
    fit: budget === undefined ? { ...fit, budgetTokens: fit.promptTokens } : fit,
  };
}

export type { FittedMessages };
export { fittedMessages };
