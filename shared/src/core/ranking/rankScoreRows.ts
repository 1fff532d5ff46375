import type { UserScores } from './scoringModel.js';
import { topK } from './topK.js';
import type { History } from './windowHistories.js';

interface RankRowsOptions {
  readonly numItems: number;
  readonly k: number;
  readonly excludeSeen: boolean;
  readonly includeScores: boolean;
}

/**
 * Ranks each row of a row-major score matrix [histories.length, numItems] for the history it
 * belongs to; every item the history holds is excluded when `excludeSeen`, not only the last
 * maxLen the model saw, as the evaluation protocol ranks.
 */
function rankScoreRows(
  scores: Float32Array,
  histories: readonly History[],
  options: RankRowsOptions
): UserScores[] {
  const { numItems, k, excludeSeen, includeScores } = options;
  return histories.map((history, user) => {
    const row = scores.subarray(user * numItems, (user + 1) * numItems);
    const ranking = topK(row, k, excludeSeen ? new Set(history) : undefined);
    // slice() copies, so a kept row does not pin the whole batch's buffer.
    return includeScores ? { ...ranking, scoreRow: row.slice() } : ranking;
  });
}

export { rankScoreRows };
