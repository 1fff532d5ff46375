import type { History } from '../ranking/index.js';

const REPETITION_DEFINITIONS = {
  repetition_share:
    'share of the top-K, with seen items allowed to rank, that the user already consumed; high = echoes the history',
} as const;

type RepetitionFigures = Record<keyof typeof REPETITION_DEFINITIONS, number>;

/** `unfilteredRankings[u]` is user u's top-K with seen items allowed to rank. */
function repetitionFigures(
  histories: readonly History[],
  unfilteredRankings: readonly (readonly number[])[]
): RepetitionFigures {
  let seenSlots = 0;
  let slots = 0;
  histories.forEach((history, user) => {
    const seen = new Set(history);
    const ranking = unfilteredRankings[user] ?? [];
    seenSlots += ranking.filter((item) => seen.has(item)).length;
    slots += ranking.length;
  });
  return { repetition_share: slots === 0 ? 0 : seenSlots / slots };
}

export type { RepetitionFigures };
export { REPETITION_DEFINITIONS, repetitionFigures };
