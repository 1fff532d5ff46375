/** A line of a text: its characters without the newline, and its offsets in the text. */
interface TextLine {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The lines of a text that hold more than whitespace; blank lines never decide a match. */
function nonBlankLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim() !== '') lines.push({ text: line, start, end: start + line.length });
    start += line.length + 1;
  }
  return lines;
}

function leadingWhitespace(line: string): string {
  return line.slice(0, line.length - line.trimStart().length);
}

export type { TextLine };
export { leadingWhitespace, nonBlankLines };
