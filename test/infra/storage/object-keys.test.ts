import { describe, expect, it } from 'vitest';
import { type ObjectKeyPattern, objectKeys } from '../../../infra/lib/storage/object-keys.js';
import { datasetViewPrefix, runKeys } from '../../../shared/src/core/runs/runKeys.js';

/** An IAM object pattern as IAM reads it: `*` spans anything, `/` included. */
function matches(pattern: ObjectKeyPattern, key: string): boolean {
  const source = pattern.split('*').map(escapeRegExp).join('.*');
  return new RegExp(`^${source}$`).test(key);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('object key patterns agree with runKeys', () => {
  const run = runKeys('run-1');

  it("a job's URLs name its attempt program and the candidate view, and its out/", () => {
    expect(matches(objectKeys.attemptPrograms, `${run.attemptProgram('p1', 2)}model.py`)).toBe(
      true
    );
    expect(
      matches(
        objectKeys.candidateDatasets,
        `${datasetViewPrefix('ml-1m', 'candidate')}train.parquet`
      )
    ).toBe(true);
    expect(matches(objectKeys.attemptOutputs, `${run.attemptOut('p1', 2)}metrics.json`)).toBe(true);
  });

  it('a dataset named by a path is one key segment, and its candidate view never the judge view', () => {
    const tricky = ['/data/my list.txt', '../x.txt', 'a/judge/b.txt', '..'];
    const prefixes = tricky.map((dataset) => datasetViewPrefix(dataset, 'candidate'));
    for (const prefix of prefixes) {
      expect(prefix).toMatch(/^datasets\/[A-Za-z0-9._~-]+\/candidate\/$/);
      expect(prefix).not.toMatch(/\/\.\.?\//);
      expect(matches(objectKeys.candidateDatasets, `${prefix}splits.tsv`)).toBe(true);
      expect(matches(objectKeys.judgeDatasets, `${prefix}splits.tsv`)).toBe(false);
    }
    expect(new Set(prefixes).size).toBe(tricky.length);
    expect(datasetViewPrefix('ml-1m', 'judge')).toBe('datasets/ml-1m/judge/');
  });

  it('those patterns reach neither the judge view, nor stored programs, nor other prefixes', () => {
    const candidateJob = [
      objectKeys.candidateDatasets,
      objectKeys.attemptPrograms,
      objectKeys.attemptOutputs,
    ];
    const outOfReach = [
      `${datasetViewPrefix('ml-1m', 'judge')}splits.tsv`,
      `${run.program('p1')}files/model.py`,
      `${run.programModel('p1')}model.onnx`,
      run.attemptJudge('p1', 2),
      run.attemptJob('p1', 2),
      run.draft('p1'),
      run.feedback('p1', 'diagnosis'),
      run.reportJson,
      `${run.seed}model.py`,
    ];
    for (const key of outOfReach) {
      expect(
        candidateJob.some((pattern) => matches(pattern, key)),
        key
      ).toBe(false);
    }
  });

  it('the judge reads models and the judge view, and writes verdicts where runKeys puts them', () => {
    expect(matches(objectKeys.programModels, `${run.programModel('p1')}model.onnx`)).toBe(true);
    expect(
      matches(objectKeys.judgeDatasets, `${datasetViewPrefix('ml-1m', 'judge')}splits.tsv`)
    ).toBe(true);
    expect(matches(objectKeys.attemptVerdicts, run.attemptJudge('p1', 3))).toBe(true);
    expect(matches(objectKeys.finalVerdicts, run.finalJudge('p1'))).toBe(true);
  });

  it("the steps' prefixes hold what runKeys puts there", () => {
    expect(matches(objectKeys.seeds, `${run.seed}model.py`)).toBe(true);
    expect(matches(objectKeys.generations, run.plan(3))).toBe(true);
    expect(matches(objectKeys.drafts, run.draft('p1'))).toBe(true);
    expect(matches(objectKeys.simulationFeedback, run.feedback('p1', 'simulation'))).toBe(true);
    expect(matches(objectKeys.diagnosisFeedback, run.feedback('p1', 'diagnosis'))).toBe(true);
    expect(matches(objectKeys.feedback, run.feedback('p1', 'simulation'))).toBe(true);
    expect(matches(objectKeys.feedback, run.feedback('p1', 'diagnosis'))).toBe(true);
    expect(matches(objectKeys.programs, run.programDiff('p1'))).toBe(true);
    expect(matches(objectKeys.programDiffs, run.programDiff('p1'))).toBe(true);
    expect(matches(objectKeys.attemptMetrics, run.attemptMetrics('p1', 2))).toBe(true);
    expect(matches(objectKeys.reports, run.reportJson)).toBe(true);
    expect(matches(objectKeys.reports, run.reportMarkdown)).toBe(true);
    expect(matches(objectKeys.reports, run.reportHtml)).toBe(true);
  });

  it("a step's narrow patterns reach no other part of a candidate's work", () => {
    const work = {
      draft: run.draft('p1'),
      program: `${run.attemptProgram('p1', 1)}model.py`,
      output: `${run.attemptOut('p1', 1)}model.onnx`,
      metrics: run.attemptMetrics('p1', 1),
      simulation: run.feedback('p1', 'simulation'),
      diagnosis: run.feedback('p1', 'diagnosis'),
    };
    const reach = (pattern: ObjectKeyPattern) =>
      Object.entries(work)
        .filter(([, key]) => matches(pattern, key))
        .map(([part]) => part);
    expect(reach(objectKeys.drafts)).toEqual(['draft']);
    expect(reach(objectKeys.attemptPrograms)).toEqual(['program']);
    expect(reach(objectKeys.attemptOutputs)).toEqual(['output', 'metrics']);
    // The report reads a job's curve, never its model.
    expect(reach(objectKeys.attemptMetrics)).toEqual(['metrics']);
    expect(reach(objectKeys.simulationFeedback)).toEqual(['simulation']);
    expect(reach(objectKeys.diagnosisFeedback)).toEqual(['diagnosis']);
    expect(reach(objectKeys.feedback)).toEqual(['simulation', 'diagnosis']);
  });
});
