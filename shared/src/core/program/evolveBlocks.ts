import { EvolveBlockError } from '../../errors.js';
import { LINE_COMMENT, languageOf } from './language.js';

/**
 * One evolvable region of a file. `content` is the text between the START marker's line and the
 * END marker's line (whole lines, so it ends with a newline unless empty); `start` and `end` are
 * its offsets in the file, `text.slice(start, end) === content`.
 */
interface EvolveBlock {
  readonly name: string;
  readonly content: string;
  readonly start: number;
  readonly end: number;
}

/** Both markers' keywords: text that holds one of them can never be written by an edit. */
const MARKER_KEYWORDS = ['EVOLVE-BLOCK-START', 'EVOLVE-BLOCK-END'] as const;

function containsMarker(text: string): boolean {
  return MARKER_KEYWORDS.some((keyword) => text.includes(keyword));
}

/**
 * The evolve blocks of one file, in order. A marker is a line holding only the comment prefix of
 * the file's language and `EVOLVE-BLOCK-START <name>` or `EVOLVE-BLOCK-END`; any other line that
 * mentions a marker keyword is malformed, so that a typo never silently widens or hides a block.
 */
function parseEvolveBlocks(fileName: string, text: string): EvolveBlock[] {
  const comment = LINE_COMMENT[languageOf(fileName)];
  const prefix = escapeRegExp(comment);
  const startMarker = new RegExp(`^\\s*${prefix}\\s*EVOLVE-BLOCK-START\\s+([\\w.-]+)\\s*$`);
  const endMarker = new RegExp(`^\\s*${prefix}\\s*EVOLVE-BLOCK-END\\s*$`);
  const blocks: EvolveBlock[] = [];
  let open: { readonly name: string; readonly line: number; readonly start: number } | undefined;
  let lineStart = 0;
  text.split('\n').forEach((line, index) => {
    const lineNumber = index + 1;
    const where = `${fileName}:${lineNumber}`;
    const nextLineStart = lineStart + line.length + 1;
    const start = startMarker.exec(line);
    if (start !== null) {
      const name = start[1] ?? '';
      if (open !== undefined) {
        throw new EvolveBlockError(
          `${where}: block '${name}' starts inside block '${open.name}' (opened at line ${open.line}); blocks cannot nest`
        );
      }
      if (blocks.some((block) => block.name === name)) {
        throw new EvolveBlockError(`${where}: block '${name}' is defined twice`);
      }
      open = { name, line: lineNumber, start: nextLineStart };
    } else if (endMarker.test(line)) {
      if (open === undefined) {
        throw new EvolveBlockError(`${where}: EVOLVE-BLOCK-END without a matching START`);
      }
      blocks.push({
        name: open.name,
        content: text.slice(open.start, lineStart),
        start: open.start,
        end: lineStart,
      });
      open = undefined;
    } else if (containsMarker(line)) {
      throw new EvolveBlockError(
        `${where}: malformed marker line '${line.trim()}' (expected '${comment} EVOLVE-BLOCK-START <name>' or '${comment} EVOLVE-BLOCK-END' alone on its line)`
      );
    }
    lineStart = nextLineStart;
  });
  if (open !== undefined) {
    throw new EvolveBlockError(
      `${fileName}:${open.line}: block '${open.name}' has no EVOLVE-BLOCK-END`
    );
  }
  return blocks;
}

/** Line number (1-based) of an offset in a text. */
function lineNumberAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export type { EvolveBlock };
export { containsMarker, lineNumberAt, parseEvolveBlocks };
