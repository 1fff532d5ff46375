/**
 * The results bucket's key patterns as IAM and lifecycle rules see them (`*` spans any
 * characters, `/` included). They follow shared/src/core/runs/runKeys.ts, which places every
 * object; test/infra/storage/object-keys.test.ts checks that the keys it makes fall where these
 * say.
 */
const objectKeys = {
  /** The training and validation views that candidate jobs read. */
  candidateDatasets: 'datasets/*/candidate/*',
  /** The views with the test split, for the final evaluation only. */
  fullDatasets: 'datasets/*/full/*',
  /** Everything of every run. */
  runs: 'runs/*',
  /** Seed programs as submitted. */
  seeds: 'runs/*/seed/*',
  /** Generations' plans. */
  generations: 'runs/*/generations/*',
  /** Work objects of every run, expired by the bucket's lifecycle rule. */
  work: 'work/*',
  /** Candidates' work objects: drafts, attempts, feedback. */
  candidates: 'work/*/candidates/*',
  /** The program an attempt's training job reads. */
  attemptPrograms: 'work/*/candidates/*/attempt-*/program/*',
  /** What an attempt's training job writes. */
  attemptOutputs: 'work/*/candidates/*/attempt-*/out/*',
  /** Stored programs (files, exchanges, diff). */
  programs: 'runs/*/programs/*',
  /** The files of stored programs, which the final evaluation trains again. */
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
