import { ItemOutOfRangeError } from '../../errors.js';

/** One user's interactions, oldest first, as item ids 1..numItems. */
type History = readonly number[];

/**
 * Packs histories into the model's int64 input, row-major [histories.length, maxLen]: each row
 * keeps the last maxLen items, most recent last, left-padded with 0 (the padding id).
 */
function windowHistories(
  histories: readonly History[],
  maxLen: number,
  numItems: number
): BigInt64Array {
  const input = new BigInt64Array(histories.length * maxLen);
  histories.forEach((history, user) => {
    const kept = history.length > maxLen ? history.slice(history.length - maxLen) : history;
    const rowEnd = (user + 1) * maxLen;
    const offset = rowEnd - kept.length;
    kept.forEach((item, position) => {
      if (!Number.isInteger(item) || item < 1 || item > numItems) {
        throw new ItemOutOfRangeError(item, user, numItems);
      }
      input[offset + position] = BigInt(item);
    });
  });
  return input;
}

export type { History };
export { windowHistories };
