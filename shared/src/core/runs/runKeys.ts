/**
 * Where everything of a run lies in the results bucket. One function so that the steps, the
 * training job's command and the IAM policies of the stack agree on every prefix:
 *
 *     datasets/<dataset>/<view>/…                       prepared views (candidate, full)
 *     runs/<run>/seed/<file>                            the seed program as submitted
 *     runs/<run>/generations/<g>/plan.json              a generation's candidates
 *     work/<run>/candidates/<id>/draft.json             a candidate being worked on
 *     work/<run>/candidates/<id>/attempt-<n>/program/…  what the training job reads
 *     work/<run>/candidates/<id>/attempt-<n>/out/…      what the training job writes
 *     work/<run>/candidates/<id>/feedback/<part>.json   simulate and diagnose results
 *     runs/<run>/programs/<id>/…                        stored programs (files, exchanges, diff)
 *     runs/<run>/final/<id>/out/…                       the final test evaluation
 *     runs/<run>/report.json, report.md                 the run's report
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
    attemptOut: (programId: string, n: number) => `${attempt(programId, n)}/out/`,
    feedback: (programId: string, part: 'simulation' | 'diagnosis') =>
      `${candidate(programId)}/feedback/${part}.json`,
    program: (programId: string) => `${run}/programs/${programId}/`,
    finalOut: (programId: string) => `${run}/final/${programId}/out/`,
    reportJson: `${run}/report.json`,
    reportMarkdown: `${run}/report.md`,
  };
}

type RunKeys = ReturnType<typeof runKeys>;

/** A prepared dataset view: `candidate` (train + validation) for jobs, `full` for the final one. */
function datasetViewPrefix(dataset: string, view: 'candidate' | 'full'): string {
  return `datasets/${dataset}/${view}/`;
}

export type { RunKeys };
export { datasetViewPrefix, runKeys };
