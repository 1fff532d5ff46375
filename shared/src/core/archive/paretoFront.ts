import type { Objectives } from './archiveEntry.js';

const objectiveNames = ['accuracy', 'satisfaction', 'coverage'] as const;

/**
 * Compares one objective of two programs: positive when `a` is better. An objective that was not
 * measured (no simulator run, no coverage probe) ranks below every measured value, and two
 * missing values tie: a program is never rewarded for lacking a measurement.
 */
function compareObjective(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return Math.sign(a - b);
}

/** Whether `a` is at least as good as `b` on every objective and better on one (all maximised). */
function dominates(a: Objectives, b: Objectives): boolean {
  const comparisons = objectiveNames.map((name) => compareObjective(a[name], b[name]));
  return comparisons.every((sign) => sign >= 0) && comparisons.some((sign) => sign > 0);
}

/**
 * The programs no other program dominates on accuracy, user satisfaction and catalogue coverage,
 * in input order. Programs with identical objectives do not dominate each other, so all stay.
 * Pass every program of a run (from storage) for the run's front: the archive evicts some.
 */
function paretoFront<Entry extends { readonly objectives: Objectives }>(
  entries: readonly Entry[]
): Entry[] {
  return entries.filter(
    (candidate) => !entries.some((other) => dominates(other.objectives, candidate.objectives))
  );
}

export { dominates, paretoFront };
