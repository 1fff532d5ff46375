import type { z } from 'zod';

/** The outcome of reading an LLM answer as JSON of a known shape. */
type LlmJsonResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problem: string };

/**
 * Reads an LLM's answer as one JSON object validated by `schema`. Models often wrap JSON in a
 * Markdown fence or add a sentence around it, so the outermost `{…}` is taken; the problem text
 * goes back to the model verbatim in a corrective retry, so it names what was wrong.
 */
function parseLlmJson<Schema extends z.ZodType>(
  schema: Schema,
  text: string
): LlmJsonResult<z.output<Schema>> {
  const start = text.indexOf('{');
  const end = text.lastIndexOf('}');
  if (start === -1 || end < start) {
    return { ok: false, problem: 'the answer holds no JSON object.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch (error) {
    return { ok: false, problem: `the JSON does not parse (${(error as Error).message}).` };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`
    );
    return {
      ok: false,
      problem: `the JSON does not have the requested shape (${issues.join('; ')}).`,
    };
  }
  return { ok: true, value: parsed.data };
}

export type { LlmJsonResult };
export { parseLlmJson };
