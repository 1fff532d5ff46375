import type { Language } from './language.js';
import { languageOf } from './language.js';

/** Identifiers, number literals and single punctuation characters. */
const TOKEN = /[A-Za-z_$][\w$]*|\d+(?:\.\d*)?(?:[eE][-+]?\d+)?|\S/g;

/**
 * The pieces a scan of each language cuts a text into: comments, string literals (which may hold
 * comment signs) and runs of other code. An unterminated comment or string runs to the end.
 */
const PIECES: Readonly<Record<Language, RegExp>> = {
  python:
    /#[^\n]*|"""(?:[^\\]|\\[\s\S])*?(?:"""|$)|'''(?:[^\\]|\\[\s\S])*?(?:'''|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|[^#"']+/g,
  javascript:
    /\/\/[^\n]*|\/\*[\s\S]*?(?:\*\/|$)|"(?:[^"\\\n]|\\.)*"?|'(?:[^'\\\n]|\\.)*'?|`(?:[^`\\]|\\[\s\S])*`?|[^/"'`]+|\//g,
};

/**
 * The code of a file without what does not change its behaviour: comments, docstrings (a
 * triple-quoted string standing alone as a statement) and blank lines go, and every run of
 * whitespace becomes one space. Two texts that differ only in those normalise to the same.
 */
function normaliseCode(text: string, fileName: string): string {
  return stripComments(text, languageOf(fileName))
    .split('\n')
    .map((line) => line.trim().replace(/\s+/g, ' '))
    .filter((line) => line !== '')
    .join('\n');
}

/** The tokens of normalised code, the unit that similarity and complexity count. */
function codeTokens(normalised: string): string[] {
  return normalised.match(TOKEN) ?? [];
}

/** Removes comments (and Python docstrings), keeping string literals and newlines intact. */
function stripComments(text: string, language: Language): string {
  let kept = '';
  for (const match of text.matchAll(PIECES[language])) {
    const piece = match[0];
    const isComment = language === 'python' ? piece.startsWith('#') : /^\/[/*]/.test(piece);
    const end = match.index + piece.length;
    if (!isComment && !(language === 'python' && isDocstring(text, match.index, end))) {
      kept += piece;
    }
  }
  return kept;
}

/** A triple-quoted string with nothing but whitespace (or a comment) around it on its lines. */
function isDocstring(text: string, start: number, end: number): boolean {
  if (!text.startsWith('"""', start) && !text.startsWith("'''", start)) return false;
  const lineEnd = text.indexOf('\n', end);
  const before = text.slice(text.lastIndexOf('\n', start - 1) + 1, start);
  const after = text.slice(end, lineEnd === -1 ? text.length : lineEnd).trim();
  return before.trim() === '' && (after === '' || after.startsWith('#'));
}

export { codeTokens, normaliseCode };
