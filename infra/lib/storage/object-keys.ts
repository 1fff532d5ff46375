/**
 * The results bucket's key patterns as IAM and lifecycle rules see them (`*` spans any
 * characters, `/` included). They follow shared/src/core/runs/runKeys.ts, which places every
 * object; test/infra/storage/object-keys.test.ts checks that the keys it makes fall where these
 * say.
 */
const objectKeys = {
  /** The training and validation views that candidate jobs read. */
  candidateDatasets: 'datasets/*/candidate/*',
  /** The judge's views (held-out validation and test items): the judge alone reads them. */
  judgeDatasets: 'datasets/*/judge/*',
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
  /** What an attempt's training job writes (through URLs the submitting step signs). */
  attemptOutputs: 'work/*/candidates/*/attempt-*/out/*',
  /** The judge's verdicts on attempts' models. */
  attemptVerdicts: 'work/*/candidates/*/attempt-*/judge.json',
  /** Stored programs (files, exchanges, diff, model). */
  programs: 'runs/*/programs/*',
  /** The models of stored programs, which the final evaluation scores. */
  programModels: 'runs/*/programs/*/model/*',
  /** The judge's test verdict on the best program. */
  finalVerdicts: 'runs/*/final/*/judge.json',
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
