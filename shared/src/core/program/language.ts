import { InvalidArgumentError } from '../../errors.js';

/** The languages a program file may be written in, chosen by its extension. */
type Language = 'python' | 'javascript';

const LANGUAGES_BY_EXTENSION: Readonly<Record<string, Language>> = {
  py: 'python',
  js: 'javascript',
  mjs: 'javascript',
  ts: 'javascript',
};

/** The line-comment prefix that evolve-block markers and comments use in each language. */
const LINE_COMMENT: Readonly<Record<Language, string>> = { python: '#', javascript: '//' };

function languageOf(fileName: string): Language {
  const extension = fileName.slice(fileName.lastIndexOf('.') + 1).toLowerCase();
  const language = LANGUAGES_BY_EXTENSION[extension];
  if (language === undefined) {
    throw new InvalidArgumentError(
      `cannot tell the language of '${fileName}' (known extensions: ${Object.keys(LANGUAGES_BY_EXTENSION).join(', ')})`
    );
  }
  return language;
}

export type { Language };
export { LINE_COMMENT, languageOf };
