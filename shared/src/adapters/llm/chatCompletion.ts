import { z } from 'zod';
import type { DescribedFailure } from './describeFailure.js';

/**
 * The part of a chat.completion response evolverec reads. Not strict: OpenAI and compatible
 * servers add fields freely, and only these must be present and well typed.
 */
const chatCompletionSchema = z.object({
  choices: z
    .array(
      z.object({
        message: z.object({ content: z.string().nullish() }),
        finish_reason: z.string().nullish(),
      })
    )
    .min(1),
  usage: z
    .object({
      prompt_tokens: z.int().min(0),
      completion_tokens: z.int().min(0),
    })
    .nullish(),
});

type CompletionReading =
  | {
      readonly ok: true;
      readonly text: string;
      readonly finishReason: string;
      readonly usage: { readonly promptTokens: number; readonly completionTokens: number } | null;
    }
  | DescribedFailure;

/** The text, finish reason and reported usage of a response body the SDK has parsed. */
function readChatCompletion(body: unknown): CompletionReading {
  const parsed = chatCompletionSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(root)';
    return {
      ok: false,
      kind: 'server',
      detail: `the response is not a chat completion (${where}: ${issue?.message})`,
    };
  }
  const [choice] = parsed.data.choices;
  const text = choice?.message.content ?? '';
  const finishReason = choice?.finish_reason ?? 'unknown';
  const { usage: reported } = parsed.data;
  const usage = reported
    ? { promptTokens: reported.prompt_tokens, completionTokens: reported.completion_tokens }
    : null;
  if (text.trim() === '') {
    const cut = finishReason === 'length' ? ': cut off at the token limit before any text' : '';
    return {
      ok: false,
      kind: 'empty_response',
      detail: `no content (finish_reason ${finishReason})${cut}`,
      ...(usage === null ? {} : { usage }),
    };
  }
  return { ok: true, text, finishReason, usage };
}

export type { CompletionReading };
export { readChatCompletion };
