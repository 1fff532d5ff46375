import { InvalidArgumentError } from '../../errors.js';

/** The prompt template files (shared/prompts/<name>.md) every proposal and repair uses. */
const PROMPT_TEMPLATE_NAMES = [
  'proposer-system',
  'coder-system',
  'task-directional',
  'task-metrics',
  'idea',
  'edits',
  'edits-retry',
  'json-retry',
  'repair',
] as const;

type PromptTemplateName = (typeof PROMPT_TEMPLATE_NAMES)[number];
type PromptTemplates = Readonly<Record<PromptTemplateName, string>>;

const PLACEHOLDER = /\{\{([a-z_]+)\}\}/g;

/**
 * Fills `{{name}}` placeholders in one pass, so text inserted for one placeholder is never
 * scanned for another (a quoted title holding `{{idea}}` stays literal). A placeholder without a
 * value is a programming error and throws; blank sections collapse to one empty line.
 */
function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const rendered = template.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new InvalidArgumentError(`prompt template placeholder {{${name}}} has no value`);
    }
    return value;
  });
  return `${rendered.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

export type { PromptTemplateName, PromptTemplates };
export { PROMPT_TEMPLATE_NAMES, renderTemplate };
