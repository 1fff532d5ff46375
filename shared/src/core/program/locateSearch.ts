import type { TextLine } from './textLines.js';
import { leadingWhitespace, nonBlankLines } from './textLines.js';

/** Where a search text lies in a block's content (offsets in it) and the text that goes there. */
type SearchLocation =
  | {
      readonly kind: 'found';
      readonly start: number;
      readonly end: number;
      readonly replacement: string;
    }
  | { readonly kind: 'ambiguous'; readonly starts: readonly number[] }
  | { readonly kind: 'not_found' };

/**
 * How the block's indentation differs from the search text's, applied to the replacement too;
 * undefined for a line too little indented to lose the offset.
 */
type IndentShift = (line: string) => string | undefined;

interface LineMatch {
  readonly first: TextLine;
  readonly last: TextLine;
  readonly shift: IndentShift;
}

const NO_SHIFT: IndentShift = (line) => line;

/**
 * Finds `search` in `content`, tolerating the whitespace drift of an LLM's quote. Tries, in order,
 * and stops at the first that matches: the exact text; the same lines ignoring trailing
 * whitespace and blank lines; the same lines under one uniform indentation offset (the
 * replacement is then re-indented by that offset). Several matches at a level are ambiguous.
 */
function locateSearch(content: string, search: string, replace: string): SearchLocation {
  const exact = exactMatchStarts(content, search);
  const [onlyExact] = exact;
  if (exact.length === 1 && onlyExact !== undefined) {
    return {
      kind: 'found',
      start: onlyExact,
      end: onlyExact + search.length,
      replacement: replace,
    };
  }
  if (exact.length > 1) return { kind: 'ambiguous', starts: exact };

  const blockLines = nonBlankLines(content);
  const searchLines = nonBlankLines(search).map((line) => line.text.trimEnd());
  for (const shiftIndent of [false, true]) {
    const matches = lineMatches(blockLines, searchLines, shiftIndent);
    const [onlyMatch] = matches;
    if (matches.length === 1 && onlyMatch !== undefined) {
      return replaceLines(content, onlyMatch, replace);
    }
    if (matches.length > 1) {
      return { kind: 'ambiguous', starts: matches.map((match) => match.first.start) };
    }
  }
  return { kind: 'not_found' };
}

function exactMatchStarts(content: string, search: string): number[] {
  const starts: number[] = [];
  for (let at = content.indexOf(search); at !== -1; at = content.indexOf(search, at + 1)) {
    starts.push(at);
  }
  return starts;
}

/** Every run of consecutive non-blank block lines that equals the search's non-blank lines. */
function lineMatches(
  blockLines: readonly TextLine[],
  searchLines: readonly string[],
  shiftIndent: boolean
): LineMatch[] {
  const matches: LineMatch[] = [];
  for (let offset = 0; offset + searchLines.length <= blockLines.length; offset += 1) {
    const window = blockLines.slice(offset, offset + searchLines.length);
    const [first, last] = [window[0], window.at(-1)];
    if (first === undefined || last === undefined || searchLines[0] === undefined) continue;
    const shift = shiftIndent ? indentShift(first.text, searchLines[0]) : NO_SHIFT;
    const same = window.every((line, index) => {
      const searchLine = searchLines[index] ?? '';
      return line.text.trimEnd() === shift(searchLine);
    });
    if (same) matches.push({ first, last, shift });
  }
  return matches;
}

/** The shift that turns the search line's indentation into the block line's. */
function indentShift(blockLine: string, searchLine: string): IndentShift {
  const blockIndent = leadingWhitespace(blockLine);
  const searchIndent = leadingWhitespace(searchLine);
  if (blockIndent.length >= searchIndent.length) {
    const added = blockIndent.slice(0, blockIndent.length - searchIndent.length);
    return (line) => (line.trim() === '' ? line : `${added}${line}`);
  }
  const removed = searchIndent.length - blockIndent.length;
  return (line) => {
    if (line.trim() === '') return line;
    return line.slice(0, removed).trim() === '' ? line.slice(removed) : undefined;
  };
}

/** Replaces the matched lines whole; an empty replacement removes them with their newline. */
function replaceLines(content: string, match: LineMatch, replace: string): SearchLocation {
  const body = replace.replace(/\r?\n$/, '');
  const { first, last, shift } = match;
  if (body.trim() === '') {
    const end = content[last.end] === '\n' ? last.end + 1 : last.end;
    return { kind: 'found', start: first.start, end, replacement: '' };
  }
  const replacement = body
    .split('\n')
    .map((line) => (line.trim() === '' ? '' : (shift(line) ?? line.trimStart())))
    .join('\n');
  return { kind: 'found', start: first.start, end: last.end, replacement };
}

export type { SearchLocation };
export { locateSearch };
