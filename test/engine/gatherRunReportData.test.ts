import { describe, expect, it } from 'vitest';
import type { ProgramRecord, RunState } from '../../shared/src/core/evolution/index.js';
import { unifiedDiff } from '../../shared/src/core/program/index.js';
import { runKeys } from '../../shared/src/core/runs/index.js';
import { gatherRunReportData } from '../../shared/src/engine/index.js';
import { failedResult, okResult, okVerdict } from '../helpers/evaluationResults.js';
import { createInMemoryObjectStore, createInMemoryRunStore } from '../helpers/inMemoryPorts.js';
import { BEST_FILES, SEED_FILES, sampleReportData } from '../helpers/reportData.js';

const NOW = new Date('2026-11-26T07:00:00.000Z');
const keys = runKeys('sample-run');

/**
 * The sample run stored as Record and Finalize leave it: the state, every program with its files
 * and diff; the best was repaired once (its second attempt trained), and only the best still has
 * its work objects (feedback, the attempts' metrics.json).
 */
async function storedSampleRun(status: RunState['status']) {
  const { data, records } = sampleReportData();
  const objects = createInMemoryObjectStore();
  const store = createInMemoryRunStore(objects);
  const best: ProgramRecord = {
    ...records.best,
    repairs: [{ attempt: 1, error: failedResult().error }],
  };
  await store.saveRunState({ ...data.state, status });
  for (const record of [records.seed, best, records.wide, records.broken, records.duplicate]) {
    const bestOne = record.id === best.id;
    await store.saveProgram('sample-run', {
      record,
      ledger: [],
      files: bestOne ? BEST_FILES : SEED_FILES,
      exchanges: [],
      ...(record.parentId === null
        ? {}
        : { diffFromParent: unifiedDiff(SEED_FILES, bestOne ? BEST_FILES : SEED_FILES) }),
    });
  }
  const simulation = {
    simulator: { status: 'STABLE', failureModes: [], summary: 'users stay', figures: {} },
    figures: { satisfaction: 0.36 },
    exchanges: [],
  };
  await objects.put(keys.feedback(best.id, 'simulation'), JSON.stringify(simulation));
  await objects.put(keys.attemptMetrics(best.id, 1), JSON.stringify(failedResult()));
  await objects.put(keys.attemptMetrics(best.id, 2), JSON.stringify(okResult()));
  return { objects, store, best, records };
}

describe('gatherRunReportData', () => {
  it("reads each program's record, diff, kept feedback and the curve of the attempt that trained", async () => {
    // Arrange
    const { objects, store, best } = await storedSampleRun('finished');
    await objects.put(
      keys.finalJudge(best.id),
      JSON.stringify(okVerdict({ 'test_hr@10': 0.0933, 'test_ndcg@10': 0.0456 }))
    );

    // Act
    const data = await gatherRunReportData({ store, objects, now: () => NOW }, 'sample-run');

    // Assert
    expect(data.programs.map((program) => program.record.id)).toEqual([
      'g000-seed',
      'g001-c00',
      'g001-c01',
      'g001-c02',
      'g001-c03',
    ]);
    const [seed, gathered] = data.programs;
    expect(gathered?.record).toEqual(best);
    expect(gathered?.curve).toEqual(okResult().curve);
    expect(gathered?.simulation?.simulator?.summary).toBe('users stay');
    expect(gathered?.diagnosis).toBeUndefined();
    expect(gathered?.diffFromParent).toBe(unifiedDiff(SEED_FILES, BEST_FILES));
    expect(seed).toEqual({ record: seed?.record });
    expect(data.bestDiffFromSeed).toBe(unifiedDiff(SEED_FILES, BEST_FILES));
    expect(data.final).toEqual({ test: { 'test_hr@10': 0.0933, 'test_ndcg@10': 0.0456 } });
    expect(data.generatedAt).toBe(NOW.toISOString());
  });

  it("says why there are no test figures: a run going on, or the judge's failure", async () => {
    // Arrange
    const running = await storedSampleRun('running');
    const failed = await storedSampleRun('finished');
    await failed.objects.put(
      keys.finalJudge(failed.best.id),
      JSON.stringify({
        schemaVersion: 1,
        status: 'failed',
        split: 'test',
        error: { kind: 'timeout', message: 'past 300 s' },
      })
    );

    // Act
    const [whileRunning, afterFailure, given] = await Promise.all([
      gatherRunReportData({ ...running, now: () => NOW }, 'sample-run'),
      gatherRunReportData({ ...failed, now: () => NOW }, 'sample-run'),
      gatherRunReportData({ ...running, now: () => NOW }, 'sample-run', { note: 'told' }),
    ]);

    // Assert
    expect(whileRunning.final).toEqual({ note: 'not yet: the run goes on' });
    expect(afterFailure.final).toEqual({ note: 'failed: timeout: past 300 s' });
    expect(given.final).toEqual({ note: 'told' });
  });

  it('refuses a run without a state', async () => {
    const objects = createInMemoryObjectStore();
    const store = createInMemoryRunStore(objects);
    await expect(
      gatherRunReportData({ store, objects, now: () => NOW }, 'no-such-run')
    ).rejects.toThrow('run no-such-run has no state');
  });
});
