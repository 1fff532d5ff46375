import { nonBlankLines } from './textLines.js';

/** The stretch of a block that most resembles a search text: offsets in the block's content. */
interface ClosestLines {
  readonly start: number;
  readonly end: number;
}

/**
 * The run of consecutive non-blank block lines, as many as the search has, whose lines are most
 * alike the search's (mean Dice similarity of character bigrams, ignoring indentation), so that a
 * failed edit can quote what the block really says there. Undefined for a block without code.
 */
function closestLines(content: string, search: string): ClosestLines | undefined {
  const blockLines = nonBlankLines(content);
  const searchLines = nonBlankLines(search).map((line) => line.text.trim());
  const length = Math.min(Math.max(searchLines.length, 1), blockLines.length);
  // Line-pair similarities once, then each window's score is a sum along a diagonal.
  const similarity = blockLines.map((line) =>
    searchLines.map((searchLine) => diceSimilarity(line.text.trim(), searchLine))
  );
  let best = { offset: 0, score: -1 };
  for (let offset = 0; offset + length <= blockLines.length; offset += 1) {
    let score = 0;
    for (let index = 0; index < length; index += 1) {
      score += similarity[offset + index]?.[index] ?? 0;
    }
    if (score > best.score) best = { offset, score };
  }
  const first = blockLines[best.offset];
  const last = blockLines[best.offset + length - 1];
  return first === undefined || last === undefined
    ? undefined
    : { start: first.start, end: last.end };
}

/** 2·|shared bigrams| / (|bigrams a| + |bigrams b|), counting repeats; 1 for two equal texts. */
function diceSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const counts = new Map<string, number>();
  for (let index = 0; index < a.length - 1; index += 1) {
    const bigram = a.slice(index, index + 2);
    counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  }
  let shared = 0;
  for (let index = 0; index < b.length - 1; index += 1) {
    const bigram = b.slice(index, index + 2);
    const count = counts.get(bigram) ?? 0;
    if (count > 0) {
      shared += 1;
      counts.set(bigram, count - 1);
    }
  }
  return (2 * shared) / (a.length - 1 + b.length - 1);
}

export type { ClosestLines };
export { closestLines };
