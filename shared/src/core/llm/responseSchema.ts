import { z } from 'zod';

/** A JSON Schema document, as plain JSON. */
type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * The shape an answer must have, sent with the request (OpenAI's `response_format: json_schema`,
 * an embedded model's grammar) and made from the same zod schema that validates the answer, so
 * the two cannot drift apart.
 */
interface ResponseSchema {
  /** `^[a-zA-Z0-9_-]{1,64}$`, as OpenAI requires. */
  readonly name: string;
  readonly schema: JsonSchema;
}

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * The JSON Schema of what a model must write for `schema`: its input side (before trims and
 * pipes), refinements left to the validation. Strict mode asks every object to close its
 * properties and to require all of them; the zod schemas of LLM answers have no optional fields,
 * so this changes no meaning.
 */
function responseSchemaOf(name: string, schema: z.ZodType): ResponseSchema {
  if (!NAME_PATTERN.test(name)) throw new Error(`response schema name '${name}' is not allowed`);
  const { $schema: _dialect, ...document } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return { name, schema: strictObjects(document) as JsonSchema };
}

function strictObjects(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictObjects);
  if (node === null || typeof node !== 'object') return node;
  const copy = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, strictObjects(value)])
  );
  const properties = copy.properties;
  if (copy.type === 'object' && properties !== null && typeof properties === 'object') {
    copy.additionalProperties = false;
    copy.required = Object.keys(properties);
  }
  return copy;
}

export type { JsonSchema, ResponseSchema };
export { responseSchemaOf };
