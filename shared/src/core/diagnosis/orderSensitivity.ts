import type { History } from '../ranking/index.js';

/** Changes to a history whose effect on the top-K shows how much order and recency matter. */
const PERTURBATIONS = ['mask_last', 'swap_last_two', 'reverse'] as const;
type Perturbation = (typeof PERTURBATIONS)[number];

const ORDER_SENSITIVITY_DEFINITIONS = {
  overlap_mask_last:
    'share of the top-K kept when the latest item is dropped from the history; 1 = the latest item is ignored',
  overlap_swap_last_two:
    'share of the top-K kept when the two latest items swap places; 1 = their order is ignored',
  overlap_reverse:
    'share of the top-K kept when the history the model reads is reversed; 1 = order is ignored',
} as const satisfies Record<`overlap_${Perturbation}`, string>;

type OrderSensitivityFigures = Record<keyof typeof ORDER_SENSITIVITY_DEFINITIONS, number>;

/**
 * The history after `perturbation`; a history too short to change comes back as it is. Only the
 * last `window` items (what the model reads) are reversed, so that the model sees the same items
 * in the opposite order rather than older items it never saw.
 */
function perturbHistory(history: History, perturbation: Perturbation, window: number): number[] {
  switch (perturbation) {
    case 'mask_last':
      return history.slice(0, -1);
    case 'swap_last_two': {
      const swapped = [...history];
      const [before, last] = swapped.splice(-2);
      return last === undefined || before === undefined ? [...history] : [...swapped, last, before];
    }
    case 'reverse': {
      const start = Math.max(0, history.length - window);
      return [...history.slice(0, start), ...history.slice(start).reverse()];
    }
  }
}

/**
 * Top-K overlaps between each user's ranking and the rankings of the perturbed histories. Every
 * ranking excludes the items of the history it was made for, so a `mask_last` ranking may hold
 * the dropped item: it is left out before the cut, so that both lists exclude the same items.
 * The perturbed rankings must therefore hold at least k + 1 items where the catalogue allows.
 */
function orderSensitivityFigures(
  histories: readonly History[],
  k: number,
  rankings: readonly (readonly number[])[],
  perturbed: Readonly<Record<Perturbation, readonly (readonly number[])[]>>
): OrderSensitivityFigures {
  const meanOverlap = (perturbation: Perturbation) => {
    const total = histories.reduce((sum, history, user) => {
      const dropped = perturbation === 'mask_last' ? history.at(-1) : undefined;
      const changed = (perturbed[perturbation][user] ?? []).filter((item) => item !== dropped);
      return sum + topKOverlap(rankings[user] ?? [], changed, k);
    }, 0);
    return total / histories.length;
  };
  return {
    overlap_mask_last: meanOverlap('mask_last'),
    overlap_swap_last_two: meanOverlap('swap_last_two'),
    overlap_reverse: meanOverlap('reverse'),
  };
}

/** Share of the first k items of `original` found among the first k of `changed`; 1 if none. */
function topKOverlap(original: readonly number[], changed: readonly number[], k: number): number {
  const top = original.slice(0, k);
  if (top.length === 0) return 1;
  const kept = new Set(changed.slice(0, k));
  return top.filter((item) => kept.has(item)).length / top.length;
}

export type { OrderSensitivityFigures, Perturbation };
export {
  ORDER_SENSITIVITY_DEFINITIONS,
  orderSensitivityFigures,
  PERTURBATIONS,
  perturbHistory,
  topKOverlap,
};
