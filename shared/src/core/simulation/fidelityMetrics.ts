import { InvalidArgumentError } from '../../errors.js';

/**
 * Area under the ROC curve of scores that should rank `positives` above `negatives`: the
 * probability that a random positive outscores a random negative, a tie counting half
 * (Mann–Whitney U over mid-ranks divided by the number of pairs). 0.5 is chance.
 */
function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) {
    throw new InvalidArgumentError(
      `AUC needs both classes, got ${positives.length} positives and ${negatives.length} negatives`
    );
  }
  const scored = [
    ...positives.map((score) => ({ score, positive: true })),
    ...negatives.map((score) => ({ score, positive: false })),
  ].sort((a, b) => a.score - b.score);
  let positiveRankSum = 0;
  for (let start = 0; start < scored.length; ) {
    let end = start;
    while (end < scored.length && scored[end]?.score === scored[start]?.score) end += 1;
    // Ranks start..end−1 (1-based start+1..end) are tied: each gets their mean.
    const midRank = (start + 1 + end) / 2;
    for (let index = start; index < end; index += 1) {
      if (scored[index]?.positive) positiveRankSum += midRank;
    }
    start = end;
  }
  const u = positiveRankSum - (positives.length * (positives.length + 1)) / 2;
  return u / (positives.length * negatives.length);
}

/** Root mean squared error of predictions against actual values. */
function rootMeanSquaredError(
  pairs: readonly { readonly predicted: number; readonly actual: number }[]
): number {
  if (pairs.length === 0) throw new InvalidArgumentError('RMSE needs at least one prediction');
  const squared = pairs.reduce((sum, { predicted, actual }) => sum + (predicted - actual) ** 2, 0);
  return Math.sqrt(squared / pairs.length);
}

export { rocAuc, rootMeanSquaredError };
