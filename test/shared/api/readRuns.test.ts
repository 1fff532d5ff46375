import { describe, expect, it } from 'vitest';
import type {
  CandidateOutcome,
  ProgramRecord,
  RunState,
} from '../../../shared/src/core/evolution/index.js';
import {
  archiveEntryFor,
  recordGeneration,
  recordSeed,
  startRunState,
} from '../../../shared/src/core/evolution/index.js';
import { queuedRun } from '../../helpers/runRecords.js';
import { createApiHarness, errorMessageOf, RECSYS_CALLER, SEARCH_CALLER } from './apiHarness.js';

function outcome(id: string, generation: number, fitness?: number): CandidateOutcome {
  const record: ProgramRecord = {
    id,
    generation,
    island: 0,
    parentId: generation === 0 ? null : 'g000-seed',
    inspirationIds: [],
    status: fitness === undefined ? 'failed' : 'ok',
    ...(fitness === undefined ? { failure: { stage: 'train' as const, reason: 'nan loss' } } : {}),
    metrics: fitness === undefined ? {} : { 'val_ndcg@10': fitness },
    features: {},
    repairs: [],
    usd: 0.25,
    trainSeconds: 10,
    createdAt: '2026-11-26T10:00:00.000Z',
  };
  return {
    record,
    ledger: [{ kind: 'gpu', usd: 0.25, at: record.createdAt, programId: id, seconds: 10 }],
    ...(fitness === undefined ? {} : { entry: archiveEntryFor(record, record.metrics, 100) }),
  };
}

/** A run one generation in: the seed, a better candidate and a failed one. */
function stateAfterOneGeneration(runId: string): { state: RunState; best: CandidateOutcome } {
  const { config } = queuedRun(runId);
  const seeded = recordSeed(
    startRunState(runId, config, '2026-11-26T10:00:00.000Z'),
    outcome('g000-seed', 0, 0.1)
  );
  const best = outcome('g001-c00', 1, 0.14);
  const { state } = recordGeneration(seeded, 1, [best, outcome('g001-c01', 1)]);
  return { state, best };
}

describe('GET /runs', () => {
  it('pages newest first, with a cursor until the last page', async () => {
    // Arrange
    const api = createApiHarness();
    for (const [runId, minute] of [
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ] as const) {
      await api.registry.createRun(
        queuedRun(runId, { createdAt: `2026-11-26T10:0${minute}:00.000Z` })
      );
    }

    // Act
    const first = await api.request('GET', '/runs', { query: { limit: '2' } });
    const { cursor } = first.body as { cursor: string };
    const second = await api.request('GET', '/runs', { query: { limit: '2', cursor } });

    // Assert
    const ids = (body: unknown) => (body as { runs: { runId: string }[] }).runs.map((r) => r.runId);
    expect(first.statusCode).toBe(200);
    expect(ids(first.body)).toEqual(['c', 'b']);
    expect(cursor).toBeDefined();
    expect(ids(second.body)).toEqual(['a']);
    expect(second.body).not.toHaveProperty('cursor');
  });

  it("lists the caller's team's runs only", async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('a'));
    await api.registry.createRun(queuedRun('b', { team: 'search' }));

    // Act
    const recsys = await api.request('GET', '/runs', { callerArn: RECSYS_CALLER });
    const search = await api.request('GET', '/runs', { callerArn: SEARCH_CALLER });

    // Assert
    expect(recsys.body).toEqual({ runs: [expect.objectContaining({ runId: 'a' })] });
    expect(search.body).toEqual({ runs: [expect.objectContaining({ runId: 'b' })] });
  });

  it.each([
    [{ limit: '0' }, 'limit: Too small'],
    [{ limit: 'ten' }, 'limit: Invalid input'],
    [{ order: 'asc' }, 'Unrecognized key: "order"'],
    [{ team: 'search' }, "team: is not accepted: a run's team is its caller's"],
  ])('answers 400 for the query %j', async (query, expected) => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await api.request('GET', '/runs', { query });

    // Assert
    expect(response.statusCode).toBe(400);
    expect(errorMessageOf(response)).toContain(expected);
  });
});

describe('GET /runs/{runId}', () => {
  it('answers 404 for a run that does not exist', async () => {
    // Arrange
    const api = createApiHarness();

    // Act
    const response = await api.request('GET', '/runs/{runId}', {
      pathParameters: { runId: 'nope' },
    });

    // Assert
    expect(response).toEqual({
      statusCode: 404,
      body: { error: { code: 'NOT_FOUND', message: 'run nope does not exist' } },
    });
  });

  it('answers the record alone before the run has a state', async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1'));

    // Act
    const response = await api.request('GET', '/runs/{runId}', { pathParameters: { runId: 'r1' } });

    // Assert
    expect(response).toEqual({ statusCode: 200, body: { run: queuedRun('r1') } });
  });

  it('adds the progress of a run under way: programs, the best and what was spent', async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1', { status: 'running' }));
    await api.store.saveRunState(stateAfterOneGeneration('r1').state);

    // Act
    const response = await api.request('GET', '/runs/{runId}', { pathParameters: { runId: 'r1' } });

    // Assert
    expect(response.body).toMatchObject({
      run: { runId: 'r1', status: 'running' },
      progress: {
        generation: 1,
        generations: 5,
        programs: 3,
        best: { programId: 'g001-c00', valNdcg10: 0.14 },
        usd: 0.75,
        usdByKind: { llm: 0, gpu: 0.75, lambda: 0 },
      },
    });
  });
});

describe('GET /runs/{runId}/programs…', () => {
  it("lists the run's programs, none before its state exists", async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1'));
    await api.registry.createRun(queuedRun('r2'));
    await api.store.saveRunState(stateAfterOneGeneration('r2').state);

    // Act
    const none = await api.request('GET', '/runs/{runId}/programs', {
      pathParameters: { runId: 'r1' },
    });
    const three = await api.request('GET', '/runs/{runId}/programs', {
      pathParameters: { runId: 'r2' },
    });

    // Assert
    expect(none).toEqual({ statusCode: 200, body: { programs: [] } });
    expect((three.body as { programs: { id: string }[] }).programs.map((p) => p.id)).toEqual([
      'g000-seed',
      'g001-c00',
      'g001-c01',
    ]);
  });

  it("answers a program's outcome and files, and 404 for one never stored", async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1'));
    const { best } = stateAfterOneGeneration('r1');
    const files = { 'model.py': 'import torch\n' };
    await api.store.saveProgram('r1', { ...best, files, exchanges: [] });

    // Act
    const found = await api.request('GET', '/runs/{runId}/programs/{programId}', {
      pathParameters: { runId: 'r1', programId: 'g001-c00' },
    });
    const missing = await api.request('GET', '/runs/{runId}/programs/{programId}', {
      pathParameters: { runId: 'r1', programId: 'g009-c00' },
    });

    // Assert
    expect(found).toEqual({ statusCode: 200, body: { outcome: best, files } });
    expect(missing.statusCode).toBe(404);
    expect(errorMessageOf(missing)).toBe('run r1 has no program g009-c00');
  });
});

describe('GET /runs/{runId}/programs/{programId}/model', () => {
  it('answers a download URL per model file, and 404 for a program without a model', async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1'));
    await api.objects.put('runs/r1/programs/g001-c00/model/model.onnx', new Uint8Array([1, 2]));
    await api.objects.put('runs/r1/programs/g001-c00/model/model.json', '{}');
    const model = (programId: string, callerArn?: string) =>
      api.request('GET', '/runs/{runId}/programs/{programId}/model', {
        pathParameters: { runId: 'r1', programId },
        ...(callerArn === undefined ? {} : { callerArn }),
      });

    // Act
    const found = await model('g001-c00');
    const missing = await model('g001-c01');
    const otherTeam = await model('g001-c00', SEARCH_CALLER);

    // Assert
    expect(found).toEqual({
      statusCode: 200,
      body: {
        files: [
          {
            name: 'model.json',
            url: 'https://in-memory.invalid/runs/r1/programs/g001-c00/model/model.json?method=GET&expires=900',
          },
          {
            name: 'model.onnx',
            url: 'https://in-memory.invalid/runs/r1/programs/g001-c00/model/model.onnx?method=GET&expires=900',
          },
        ],
        expiresInSeconds: 900,
      },
    });
    expect(missing.statusCode).toBe(404);
    expect(errorMessageOf(missing)).toContain('run r1 has no model of program g001-c01');
    expect(otherTeam.statusCode).toBe(404);
  });
});

describe('GET /runs/{runId}/report', () => {
  it('answers 404 until Finalize has written the report, then its page, or report.json', async () => {
    // Arrange
    const api = createApiHarness();
    await api.registry.createRun(queuedRun('r1', { status: 'running' }));
    const get = (format?: string) =>
      api.request('GET', '/runs/{runId}/report', {
        pathParameters: { runId: 'r1' },
        ...(format === undefined ? {} : { query: { format } }),
      });
    const page = '<!DOCTYPE html>\n<title>run r1</title>\n';

    // Act
    const before = [await get(), await get('json')];
    await api.objects.put('runs/r1/report.json', JSON.stringify({ best: 'g001-c00' }));
    await api.objects.put('runs/r1/report.html', page);
    const html = await get();
    const json = await get('json');
    const unknown = await get('pdf');

    // Assert
    for (const response of before) {
      expect(response.statusCode).toBe(404);
      expect(errorMessageOf(response)).toBe('run r1 has no report yet (it is running)');
    }
    expect(html).toEqual({ statusCode: 200, body: page, contentType: 'text/html; charset=utf-8' });
    expect(json).toEqual({ statusCode: 200, body: { best: 'g001-c00' } });
    expect(unknown.statusCode).toBe(400);
    expect(errorMessageOf(unknown)).toMatch(/^the query string is invalid: format: /);
  });
});
