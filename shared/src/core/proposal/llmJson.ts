import type { z } from 'zod';

/**
 * Why an answer could not be used: it holds no JSON object that parses (`unparseable`, a cut-off
 * answer among them), or its JSON is not of the requested shape (`schema_mismatch`, an answer
 * that copies the template's descriptions among them).
 */
type LlmJsonProblemKind = 'unparseable' | 'schema_mismatch';

/** The outcome of reading an LLM answer as JSON of a known shape. */
type LlmJsonResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly kind: LlmJsonProblemKind; readonly problem: string };

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
    return { ok: false, kind: 'unparseable', problem: 'the answer holds no JSON object.' };
  }
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start, end + 1));
  } catch (error) {
    return {
      ok: false,
      kind: 'unparseable',
      problem: `the JSON does not parse (${(error as Error).message}).`,
    };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`
    );
    return {
      ok: false,
      kind: 'schema_mismatch',
      problem: `the JSON does not have the requested shape (${issues.join('; ')}).`,
    };
  }
  return { ok: true, value: parsed.data };
}

/** Strings of the answer this short may well occur in a template by chance. */
const MIN_ECHO_CHARS = 12;

/**
 * The first string of an answer that copies a template's own text (a field's description, an
 * example, a `<placeholder>`) instead of saying something of its own, or undefined. Only phrases
 * count (a value the template offers as a choice, `NEEDS_IMPROVEMENT`, is one word), and only the
 * templates' text is searched, never what was filled into them: a `search` that quotes the
 * program is not an echo.
 */
function templateEcho(value: unknown, templates: readonly string[]): string | undefined {
  const texts = templates.map((template) => template.replace(/\{\{[a-z_]+\}\}/g, '\u0000'));
  const strings: string[] = [];
  const collect = (node: unknown): void => {
    if (typeof node === 'string') strings.push(node.trim());
    else if (Array.isArray(node)) node.forEach(collect);
    else if (node !== null && typeof node === 'object') Object.values(node).forEach(collect);
  };
  collect(value);
  return strings.find(
    (text) =>
      (text.length >= MIN_ECHO_CHARS &&
        /\s/.test(text) &&
        texts.some((template) => template.includes(text))) ||
      /^<[^<>]+>$/.test(text)
  );
}

export type { LlmJsonProblemKind, LlmJsonResult };
export { parseLlmJson, templateEcho };
