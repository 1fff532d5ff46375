import type { PreparedView } from '../dataset/index.js';
import type { History } from '../ranking/index.js';

/** What the judge scores: `val` during evolution, `test` once, for the final report. */
type JudgeSplit = 'val' | 'test';

/** Histories to score and the item each should rank first. */
interface JudgeCases {
  readonly histories: readonly History[];
  readonly targets: readonly number[];
}

/**
 * The cases of a split, from the judge view:
 * - `val`: the held-out users (their validation items never reached a job) are the figures of
 *   record; the tuning users (whose validation items the job early-stopped on) are scored too,
 *   to check the job's own figures.
 * - `test`: every user with a test item, the history ending with the validation item, as the
 *   published full-ranking protocol ranks.
 */
function judgeCases(
  view: PreparedView,
  split: JudgeSplit
): { readonly record: JudgeCases; readonly tuning?: JudgeCases } {
  if (split === 'test') {
    return {
      record: casesOf(
        view.users.flatMap((user) =>
          user.valid !== null && user.test !== null
            ? [{ history: [...user.train, user.valid], target: user.test }]
            : []
        )
      ),
    };
  }
  const validation = (heldOut: boolean) =>
    casesOf(
      view.users.flatMap((user) =>
        user.valid !== null && user.heldOut === heldOut
          ? [{ history: user.train, target: user.valid }]
          : []
      )
    );
  return { record: validation(true), tuning: validation(false) };
}

function casesOf(cases: readonly { history: History; target: number }[]): JudgeCases {
  return {
    histories: cases.map((one) => one.history),
    targets: cases.map((one) => one.target),
  };
}

export type { JudgeCases, JudgeSplit };
export { judgeCases };
