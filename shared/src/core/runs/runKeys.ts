import type { DatasetView } from '../dataset/index.js';

/**
 * Where everything of a run lies in the results bucket. One function so that the steps, the
 * training job's command and the IAM policies of the stack agree on every prefix:
 *
 *     datasets/<dataset>/candidate/…                    the view jobs and feedback read
 *     datasets/<dataset>/judge/…                        the judge's view (held-out, test items)
 *     runs/<run>/seed/<file>                            the seed program as submitted
 *     runs/<run>/generations/<g>/plan.json              a generation's candidates
 *     work/<run>/candidates/<id>/draft.json             a candidate being worked on
 *     work/<run>/candidates/<id>/attempt-<n>/program/…  what the training job reads
 *     work/<run>/candidates/<id>/attempt-<n>/job.json   the job's inputs and outputs, as URLs
 *     work/<run>/candidates/<id>/attempt-<n>/out/…      what the training job writes (metrics.json)
 *     work/<run>/candidates/<id>/attempt-<n>/judge.json the judge's verdict on that model
 *     work/<run>/candidates/<id>/feedback/<part>.json   simulate and diagnose results
 *     runs/<run>/programs/<id>/…                        stored programs (files, exchanges)
 *     runs/<run>/programs/<id>/diff.patch               a stored program's diff from its parent
 *     runs/<run>/programs/<id>/model/…                  a trained program's model.onnx, model.json
 *     runs/<run>/final/<id>/judge.json                  the best program's test verdict
 *     runs/<run>/report.json, report.md, report.html    the run's report
 *
 * Work objects have a top-level prefix of their own because lifecycle rules match literal
 * prefixes: the bucket expires `work/` and keeps `runs/`.
 */
function runKeys(runId: string) {
  const run = `runs/${runId}`;
  const candidate = (programId: string) => `work/${runId}/candidates/${programId}`;
  const attempt = (programId: string, n: number) => `${candidate(programId)}/attempt-${n}`;
  return {
    prefix: `${run}/`,
    seed: `${run}/seed/`,
    plan: (generation: number) => `${run}/generations/${generation}/plan.json`,
    draft: (programId: string) => `${candidate(programId)}/draft.json`,
    attemptProgram: (programId: string, n: number) => `${attempt(programId, n)}/program/`,
    attemptJob: (programId: string, n: number) => `${attempt(programId, n)}/job.json`,
    attemptOut: (programId: string, n: number) => `${attempt(programId, n)}/out/`,
    attemptMetrics: (programId: string, n: number) => `${attempt(programId, n)}/out/metrics.json`,
    attemptJudge: (programId: string, n: number) => `${attempt(programId, n)}/judge.json`,
    feedback: (programId: string, part: 'simulation' | 'diagnosis') =>
      `${candidate(programId)}/feedback/${part}.json`,
    program: (programId: string) => `${run}/programs/${programId}/`,
    programDiff: (programId: string) => `${run}/programs/${programId}/diff.patch`,
    programModel: (programId: string) => `${run}/programs/${programId}/model/`,
    finalJudge: (programId: string) => `${run}/final/${programId}/judge.json`,
    reportJson: `${run}/report.json`,
    reportMarkdown: `${run}/report.md`,
    reportHtml: `${run}/report.html`,
    /** The strategy comparison (`evolverec compare`) the run took part in. */
    comparison: `${run}/comparison.json`,
  };
}

type RunKeys = ReturnType<typeof runKeys>;

/**
 * A prepared dataset view: `candidate` for jobs and feedback, `judge` for the judge alone. A
 * dataset named by a path (`/data/x.txt`) becomes one key segment: every character but letters,
 * digits, `.`, `_` and `-` is written `~XX`, so no two datasets share a prefix and no key
 * climbs out of `datasets/`.
 */
function datasetViewPrefix(dataset: string, view: DatasetView): string {
  const segment = dataset.replace(
    /[^A-Za-z0-9._-]/g,
    (character) => `~${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`
  );
  return `datasets/${segment === '.' || segment === '..' ? `~${segment}` : segment}/${view}/`;
}

export type { RunKeys };
export { datasetViewPrefix, runKeys };
