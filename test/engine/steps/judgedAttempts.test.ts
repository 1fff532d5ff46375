import { beforeEach, describe, expect, it } from 'vitest';
import { runConfigSchema, startRunState } from '../../../shared/src/core/evolution/index.js';
import type { JudgeResult } from '../../../shared/src/core/judging/index.js';
import { runKeys } from '../../../shared/src/core/runs/index.js';
import type { CandidateDraft, JudgeOrder, StepServices } from '../../../shared/src/engine/index.js';
import { checkTraining, judge, putJson, recordFailure } from '../../../shared/src/engine/index.js';
import { failedResult, okResult, okVerdict } from '../../helpers/evaluationResults.js';
import {
  createInMemoryObjectStore,
  createInMemoryRunRegistry,
  createInMemoryRunStore,
} from '../../helpers/inMemoryPorts.js';

const RUN = 'run-j';
const CANDIDATE = { runId: RUN, generation: 1, programId: 'g001-c00' };
const keys = runKeys(RUN);

let services: StepServices;
let orders: JudgeOrder[];
let verdict: JudgeResult;

beforeEach(async () => {
  const objects = createInMemoryObjectStore();
  orders = [];
  verdict = okVerdict();
  services = {
    registry: createInMemoryRunRegistry(),
    store: createInMemoryRunStore(objects),
    objects,
    llm: async () => {
      throw new Error('nas calls no LLM');
    },
    templates: async () => {
      throw new Error('nas reads no template');
    },
    feedback: {
      simulate: async () => {
        throw new Error('not here');
      },
      diagnose: async () => {
        throw new Error('not here');
      },
    },
    judge: {
      judge: async (order) => {
        orders.push(order);
        return verdict;
      },
    },
    close: async () => {},
    reportPageAssets: async () => {
      throw new Error('candidate steps write no report page');
    },
    now: () => new Date('2026-01-01T00:00:00Z'),
  };
  const config = runConfigSchema.parse({ strategy: 'nas', dataset: 'ml-100k' });
  await services.store.saveRunState(startRunState(RUN, config, '2026-01-01T00:00:00.000Z'));
});

/** A nas candidate proposed as attempt 1, its program written, its draft saved. */
async function proposed(): Promise<void> {
  const draft: CandidateDraft = {
    programId: CANDIDATE.programId,
    generation: 1,
    island: 0,
    parentId: null,
    inspirationIds: [],
    idea: 'dropout 0.2 → 0.3',
    exchanges: [],
    repairs: [],
    attempt: 1,
    attemptSeconds: [],
  };
  await services.objects.put(`${keys.attemptProgram(CANDIDATE.programId, 1)}model.py`, 'x = 1');
  await putJson(services.objects, keys.draft(CANDIDATE.programId), draft);
}

async function jobLeft(result: unknown): Promise<void> {
  await putJson(services.objects, `${keys.attemptOut(CANDIDATE.programId, 1)}metrics.json`, result);
}

describe('the Judge step', () => {
  it('judges a successful attempt once, however often it is run', async () => {
    // Prepare
    await proposed();
    await jobLeft(okResult());

    // Act
    const first = await judge({ ...CANDIDATE, attempt: 1, split: 'val' }, services);
    const again = await judge({ ...CANDIDATE, attempt: 1, split: 'val' }, services);

    // Assert
    expect(first).toEqual({ programId: 'g001-c00', verdict: 'ok' });
    expect(again).toEqual(first);
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({
      modelPrefix: keys.attemptOut('g001-c00', 1),
      split: 'val',
      jobMetrics: okResult().metrics,
    });
  });

  it('passes over an attempt whose job failed: there is no model to judge', async () => {
    // Prepare
    await proposed();
    await jobLeft(failedResult());

    // Act
    const output = await judge({ ...CANDIDATE, attempt: 1, split: 'val' }, services);

    // Assert
    expect(output).toEqual({ programId: 'g001-c00', verdict: 'skipped' });
    expect(orders).toEqual([]);
  });

  it("scores the best program's stored model on test for the final evaluation, once", async () => {
    // Prepare
    verdict = okVerdict({ 'test_ndcg@10': 0.12 });

    // Act
    await judge({ runId: RUN, programId: 'g003-c01', split: 'test' }, services);
    await judge({ runId: RUN, programId: 'g003-c01', split: 'test' }, services);

    // Assert
    expect(orders).toEqual([
      expect.objectContaining({ modelPrefix: keys.programModel('g003-c01'), split: 'test' }),
    ]);
    const stored = await services.objects.get(keys.finalJudge('g003-c01'));
    expect(JSON.parse(new TextDecoder().decode(stored)).metrics).toEqual({ 'test_ndcg@10': 0.12 });
  });
});

describe('CheckTraining after the judge', () => {
  it("records a model the judge failed as the candidate's judge failure (nas does not repair)", async () => {
    // Prepare
    await proposed();
    await jobLeft(okResult());
    verdict = {
      schemaVersion: 1,
      status: 'failed',
      split: 'val',
      error: { kind: 'nan', message: 'model.onnx gave non-finite scores for 3 of 471 users' },
    };
    await judge({ ...CANDIDATE, attempt: 1, split: 'val' }, services);

    // Act
    const progress = await checkTraining({ ...CANDIDATE, attempt: 1 }, services);

    // Assert
    expect(progress.next).toBe('done');
    const outcome = await services.store.loadOutcome(RUN, 'g001-c00');
    expect(outcome?.record.failure).toEqual({
      stage: 'judge',
      reason: 'nan: model.onnx gave non-finite scores for 3 of 471 users',
    });
  });

  it('goes on to feedback only when the judge scored the model', async () => {
    // Prepare
    await proposed();
    await jobLeft(okResult());
    await judge({ ...CANDIDATE, attempt: 1, split: 'val' }, services);

    // Act
    const progress = await checkTraining({ ...CANDIDATE, attempt: 1 }, services);

    // Assert
    expect(progress.next).toBe('feedback');
  });

  it('records the judge step failing as such, naming the error', async () => {
    // Prepare
    await proposed();
    await jobLeft(okResult());

    // Act
    await checkTraining(
      {
        ...CANDIDATE,
        attempt: 1,
        judgeError: { Error: 'Sandbox.Timedout', Cause: 'Task timed out after 900.00 seconds' },
      },
      services
    );

    // Assert
    const outcome = await services.store.loadOutcome(RUN, 'g001-c00');
    expect(outcome?.record.failure).toEqual({
      stage: 'judge',
      reason: 'the judge failed: Sandbox.Timedout: Task timed out after 900.00 seconds',
    });
  });
});

describe('the RecordFailure step', () => {
  const failure = { Error: 'TypeError', Cause: '{"errorMessage":"boom"}' };

  it.each([
    ['propose', async () => undefined],
    ['train', proposed],
    [
      'judge',
      async () => {
        await proposed();
        await jobLeft(okResult());
      },
    ],
    [
      'record',
      async () => {
        await proposed();
        await jobLeft(okResult());
        await judge({ ...CANDIDATE, attempt: 1, split: 'val' }, services);
      },
    ],
  ])('records a candidate that failed at %s where it stood, once', async (stage, setUp) => {
    // Prepare: the generation's plan, for a candidate that never got its draft.
    await putJson(services.objects, keys.plan(1), {
      candidates: [
        { id: 'g001-c00', generation: 1, island: 0, parentId: 'g000-seed', inspirationIds: [] },
      ],
    });
    await setUp();

    // Act
    await recordFailure({ ...CANDIDATE, candidateError: failure }, services);
    await recordFailure({ ...CANDIDATE, candidateError: { Error: 'Other' } }, services);

    // Assert
    const outcome = await services.store.loadOutcome(RUN, 'g001-c00');
    expect(outcome?.record).toMatchObject({
      status: 'failed',
      failure: { stage, reason: `its ${stage} step failed: TypeError: boom` },
    });
  });
});
