import type { DiagnosisUser } from './diagnosis.js';

/** The cutoff of the cold-vs-warm metrics, the protocol's headline K. */
const GAP_CUTOFF = 10;

const COLD_WARM_DEFINITIONS = {
  'cold_hr@10': 'validation HR@10 of the quarter of users with the shortest histories (cold)',
  'warm_hr@10': 'validation HR@10 of the quarter of users with the longest histories (warm)',
  'cold_ndcg@10': 'validation NDCG@10 of the cold users',
  'warm_ndcg@10': 'validation NDCG@10 of the warm users',
  cold_warm_ndcg_gap: 'warm_ndcg@10 minus cold_ndcg@10; positive = short histories served worse',
  cold_warm_relative_gap:
    'cold_warm_ndcg_gap / the larger of the two NDCG@10 (0 if both are 0), -1 to 1; 0.5 = cold users get half',
} as const;

type ColdWarmFigures = Record<keyof typeof COLD_WARM_DEFINITIONS, number>;

/**
 * Validation accuracy of short- against long-history users. Users with a validation item are
 * ordered by history length (ties by their order in `users`); the first and last quarter (at
 * least one user each) are the cold and warm groups. `rankings[u]` is user u's ranking with seen
 * items excluded, at least GAP_CUTOFF long where the catalogue allows. Undefined when no user has
 * a validation item.
 */
function coldWarmFigures(
  users: readonly DiagnosisUser[],
  rankings: readonly (readonly number[])[]
): ColdWarmFigures | undefined {
  const validated = users
    .map((user, index) => ({ user, ranking: rankings[index] ?? [], index }))
    .filter(({ user }) => user.valid !== null)
    .sort((a, b) => a.user.history.length - b.user.history.length || a.index - b.index);
  if (validated.length === 0) return undefined;
  const groupSize = Math.max(1, Math.floor(validated.length / 4));
  const cold = groupAccuracy(validated.slice(0, groupSize));
  const warm = groupAccuracy(validated.slice(-groupSize));
  return {
    'cold_hr@10': cold.hitRate,
    'warm_hr@10': warm.hitRate,
    'cold_ndcg@10': cold.ndcg,
    'warm_ndcg@10': warm.ndcg,
    cold_warm_ndcg_gap: warm.ndcg - cold.ndcg,
    cold_warm_relative_gap:
      warm.ndcg === cold.ndcg ? 0 : (warm.ndcg - cold.ndcg) / Math.max(warm.ndcg, cold.ndcg),
  };
}

/** HR@10 and NDCG@10 (one relevant item: 1 / log2(rank + 1) at 1-based rank) of a group. */
function groupAccuracy(
  group: readonly { readonly user: DiagnosisUser; readonly ranking: readonly number[] }[]
): { hitRate: number; ndcg: number } {
  let hits = 0;
  let gain = 0;
  for (const { user, ranking } of group) {
    const rank = ranking.slice(0, GAP_CUTOFF).indexOf(user.valid ?? 0);
    if (rank === -1) continue;
    hits += 1;
    gain += 1 / Math.log2(rank + 2);
  }
  return { hitRate: hits / group.length, ndcg: gain / group.length };
}

export type { ColdWarmFigures };
export { COLD_WARM_DEFINITIONS, coldWarmFigures, GAP_CUTOFF };
