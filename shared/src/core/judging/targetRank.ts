/**
 * The protocol's rank of a target (0-based): how many other items the user has not seen score
 * at least as high as it. Ties count against the target, so a model that scores every item
 * alike ranks each target last and earns nothing. `row[j]` scores item id j + 1.
 *
 * Returns undefined when any score is NaN or infinite: the judge fails such a model rather than
 * rank it (a NaN compares false with everything, which would lift its target to the top).
 */
function targetRank(
  row: Float32Array,
  target: number,
  seen: ReadonlySet<number>
): number | undefined {
  const targetScore = row[target - 1];
  if (targetScore === undefined || !Number.isFinite(targetScore)) return undefined;
  let rank = 0;
  for (let column = 0; column < row.length; column += 1) {
    const score = row[column] as number;
    if (!Number.isFinite(score)) return undefined;
    const item = column + 1;
    if (score >= targetScore && item !== target && !seen.has(item)) rank += 1;
  }
  return rank;
}

export { targetRank };
