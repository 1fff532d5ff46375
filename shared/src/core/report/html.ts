import { html } from 'htm/preact';
import { h, type VNode } from 'preact';
import { render } from 'preact-render-to-string';
import { InvalidArgumentError } from '../../errors.js';

/**
 * Markup as tagged templates (htm over preact): every interpolated value is text or an attribute
 * value, which preact's renderer escapes, so program ideas, item titles and LLM text can never
 * become markup. Only `rawScript` puts text in the page as it is.
 */
type Markup = VNode;

/**
 * A `<script>` with trusted text (the chart library, the page's own script, JSON data), which a
 * script element holds as it is: so its text must not hold `</script` or `<!--`, which would end
 * it or change how it is read. Such text is refused, never rewritten, since the page's
 * Content-Security-Policy allows the scripts by the hash of their exact text.
 */
function rawScript(text: string, attributes: Readonly<Record<string, string>> = {}): VNode {
  if (/<\/script|<!--/i.test(text)) {
    throw new InvalidArgumentError('a script for the page holds </script or <!--');
  }
  return h('script', { ...attributes, dangerouslySetInnerHTML: { __html: text } }) as VNode;
}

/**
 * JSON for a `type="application/json"` script element: `<` written as `\u003c`, so the element
 * cannot be ended or commented out from inside, whatever the strings hold.
 */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replaceAll('<', '\\u003c');
}

/** The page as a document: the doctype, then the rendered markup. */
function renderDocument(root: Markup): string {
  return `<!DOCTYPE html>\n${render(root)}\n`;
}

export type { Markup };
export { html, jsonForScript, rawScript, renderDocument };
