/**
 * The results bucket's key patterns as IAM and lifecycle rules see them (`*` spans any
 * characters, `/` included). They follow shared/src/core/runs/runKeys.ts, which places every
 * object; test/infra/storage/object-keys.test.ts checks that the keys it makes fall where these
 * say. Each names one prefix or key of the layout, so that a function is granted the ones its
 * code uses and no more.
 */
const objectKeys = {
  /** The training and validation views that candidates are trained and given feedback on. */
  candidateDatasets: 'datasets/*/candidate/*',
  /** The views with the test split, for the final evaluation only. */
  fullDatasets: 'datasets/*/full/*',
  /** Seed programs as submitted (with a `nas` run's search space). */
  seeds: 'runs/*/seed/*',
  /** Generations' plans. */
  generations: 'runs/*/generations/*',
  /** A candidate's draft between its steps. */
  drafts: 'work/*/candidates/*/draft.json',
  /** The program an attempt's training job reads. */
  attemptPrograms: 'work/*/candidates/*/attempt-*/program/*',
  /** What an attempt's training job writes: metrics.json, the model. */
  attemptOutputs: 'work/*/candidates/*/attempt-*/out/*',
  /** The simulated users' part of a candidate's feedback. */
  simulationFeedback: 'work/*/candidates/*/feedback/simulation.json',
  /** The diagnosis part of a candidate's feedback. */
  diagnosisFeedback: 'work/*/candidates/*/feedback/diagnosis.json',
  /** Every part of a candidate's feedback. */
  feedback: 'work/*/candidates/*/feedback/*',
  /** Stored programs (files, exchanges, diff). */
  programs: 'runs/*/programs/*',
  /** The files of stored programs: parents, near-duplicate checks, the final evaluation. */
  programFiles: 'runs/*/programs/*/files/*',
  /** What the final evaluation writes. */
  finalOutputs: 'runs/*/final/*/out/*',
  /** The run's report (report.json, report.md). */
  reports: 'runs/*/report.*',
} as const;

type ObjectKeyPattern = (typeof objectKeys)[keyof typeof objectKeys];

/**
 * S3 lifecycle filters take literal prefixes, so the candidates' work objects live under their
 * own top-level prefix, which expires; everything under `runs/` is kept.
 */
const WORK_PREFIX = 'work/';

export type { ObjectKeyPattern };
export { objectKeys, WORK_PREFIX };
