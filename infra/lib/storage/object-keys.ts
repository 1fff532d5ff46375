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
  /** The judge's views (held-out validation and test items): the judge alone reads them. */
  judgeDatasets: 'datasets/*/judge/*',
  /** Seed programs as submitted (with a `nas` run's search space). */
  seeds: 'runs/*/seed/*',
  /** Generations' plans. */
  generations: 'runs/*/generations/*',
  /** A candidate's draft between its steps. */
  drafts: 'work/*/candidates/*/draft.json',
  /** The program an attempt's training job reads. */
  attemptPrograms: 'work/*/candidates/*/attempt-*/program/*',
  /**
   * An attempt's job.json: its inputs' and outputs' presigned URLs. The steps that sign them
   * write it and read it (a GET URL is worth what its signer may read).
   */
  attemptJobs: 'work/*/candidates/*/attempt-*/job.json',
  /** What an attempt's training job writes (through PUT URLs): metrics.json, the model. */
  attemptOutputs: 'work/*/candidates/*/attempt-*/out/*',
  /** An attempt's metrics.json alone (its training curve), without the model. */
  attemptMetrics: 'work/*/candidates/*/attempt-*/out/metrics.json',
  /** The judge's verdicts on attempts' models. */
  attemptVerdicts: 'work/*/candidates/*/attempt-*/judge.json',
  /** The simulated users' part of a candidate's feedback. */
  simulationFeedback: 'work/*/candidates/*/feedback/simulation.json',
  /** The diagnosis part of a candidate's feedback. */
  diagnosisFeedback: 'work/*/candidates/*/feedback/diagnosis.json',
  /** Every part of a candidate's feedback. */
  feedback: 'work/*/candidates/*/feedback/*',
  /** Stored programs (files, exchanges, diff, model). */
  programs: 'runs/*/programs/*',
  /** The files of stored programs: parents and near-duplicate checks. */
  programFiles: 'runs/*/programs/*/files/*',
  /** A stored program's diff from its parent. */
  programDiffs: 'runs/*/programs/*/diff.patch',
  /** The models of stored programs, which the final evaluation scores. */
  programModels: 'runs/*/programs/*/model/*',
  /** The judge's test verdict on the best program. */
  finalVerdicts: 'runs/*/final/*/judge.json',
  /** The run's report (report.json, report.md, report.html). */
  reports: 'runs/*/report.*',
  /** The strategy comparison a run took part in (written by a local `evolverec compare`). */
  comparisons: 'runs/*/comparison.json',
} as const;

type ObjectKeyPattern = (typeof objectKeys)[keyof typeof objectKeys];

/**
 * S3 lifecycle filters take literal prefixes, so the candidates' work objects live under their
 * own top-level prefix, which expires; everything under `runs/` is kept.
 */
const WORK_PREFIX = 'work/';

export type { ObjectKeyPattern };
export { objectKeys, WORK_PREFIX };
