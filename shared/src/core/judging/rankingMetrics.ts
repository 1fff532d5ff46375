/** The cut-offs of the protocol's HR@K and NDCG@K. */
const CUTOFFS = [5, 10, 20] as const;

/**
 * HR@K and NDCG@K for K in CUTOFFS, averaged over users with one relevant item each, named
 * `<prefix>_hr@K` and `<prefix>_ndcg@K` (the trainer's names: `val_ndcg@10`, `test_hr@20`).
 */
function rankingMetrics(ranks: readonly number[], prefix: string): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const k of CUTOFFS) {
    let hits = 0;
    let gain = 0;
    for (const rank of ranks) {
      if (rank < k) {
        hits += 1;
        gain += 1 / Math.log2(rank + 2);
      }
    }
    metrics[`${prefix}_hr@${k}`] = ranks.length === 0 ? 0 : hits / ranks.length;
    metrics[`${prefix}_ndcg@${k}`] = ranks.length === 0 ? 0 : gain / ranks.length;
  }
  return metrics;
}

export { CUTOFFS, rankingMetrics };
