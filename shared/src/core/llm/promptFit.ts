import { z } from 'zod';

/**
 * How a prompt was fitted to its model's context window, stored with the prompt: the tokens it
 * could take (the window less the answer's limit), the tokens it took, and the parts left out
 * (whole sections or items, least important first), with what it would have taken in full.
 */
const promptFitSchema = z
  .object({
    budgetTokens: z.int().min(0),
    promptTokens: z.int().min(0),
    fullTokens: z.int().min(0),
    dropped: z.array(z.string()),
  })
  .strict();

type PromptFit = z.infer<typeof promptFitSchema>;

/** One part of a prompt that may be left out, with its place in the order of dropping. */
interface OptionalPart {
  /** Says what is left out, in the record (`inspiration g002-ab12`, `feedback`). */
  readonly label: string;
  /** Lower is dropped first; ties drop the later part first. */
  readonly priority: number;
}

/**
 * Drops optional parts, least important first, until `render` of the parts kept fits `budget`
 * tokens. A prompt never loses part of a part: a code block, an inspiration or a feedback
 * section is shown whole or not at all. When even the required parts do not fit, the smallest
 * prompt is returned with its size, and the caller decides.
 */
async function fitPrompt<Part extends OptionalPart, Prompt>(
  parts: readonly Part[],
  budget: number,
  render: (kept: readonly Part[]) => Prompt,
  countTokens: (prompt: Prompt) => Promise<number>
): Promise<{ readonly prompt: Prompt; readonly kept: readonly Part[]; readonly fit: PromptFit }> {
  const order = parts
    .map((part, index) => ({ part, index }))
    .sort((a, b) => a.part.priority - b.part.priority || b.index - a.index);
  let kept = [...parts];
  let prompt = render(kept);
  let tokens = await countTokens(prompt);
  const fullTokens = tokens;
  const dropped: string[] = [];
  for (const { part } of order) {
    if (tokens <= budget) break;
    kept = kept.filter((candidate) => candidate !== part);
    dropped.push(part.label);
    prompt = render(kept);
    tokens = await countTokens(prompt);
  }
  return { prompt, kept, fit: { budgetTokens: budget, promptTokens: tokens, fullTokens, dropped } };
}

export type { OptionalPart, PromptFit };
export { fitPrompt, promptFitSchema };
