import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../../shared/src/api/index.js';
import {
  archiveEntryFor,
  recordSeed,
  startRunState,
} from '../../../shared/src/core/evolution/index.js';
import { queuedRun } from '../../helpers/runRecords.js';
import {
  createApiHarness,
  errorMessageOf,
  RECSYS_CALLER,
  SEARCH_CALLER,
  TEAMLESS_CALLER,
  validCreateBody,
} from './apiHarness.js';

type Api = ReturnType<typeof createApiHarness>;

const EXECUTION = 'arn:aws:states:eu-west-1:123456789012:execution:evolverec:running';

/**
 * Two runs of team recsys with everything the routes read: `running` (its execution, state,
 * seed program and report) and `failed`, so that each route would answer its owner and change
 * what it changes.
 */
async function recsysRuns(api: Api): Promise<void> {
  await api.registry.createRun(
    queuedRun('running', { status: 'running', executionArn: EXECUTION })
  );
  await api.registry.createRun(queuedRun('failed', { status: 'failed', stopReason: 'boom' }));
  const { config } = queuedRun('running');
  const record = {
    id: 'g000-seed',
    generation: 0,
    island: 0,
    parentId: null,
    inspirationIds: [],
    status: 'ok' as const,
    metrics: { 'val_ndcg@10': 0.1 },
    features: {},
    repairs: [],
    usd: 0,
    trainSeconds: 1,
    createdAt: '2026-11-26T10:00:00.000Z',
  };
  const seed = { record, ledger: [], entry: archiveEntryFor(record, record.metrics, 10) };
  await api.store.saveRunState(
    recordSeed(startRunState('running', config, '2026-11-26T10:00:00.000Z'), seed)
  );
  await api.store.saveProgram('running', { ...seed, files: { 'model.py': 'x' }, exchanges: [] });
  await api.objects.put('runs/running/report.json', '{"best":"g000-seed"}');
  await api.objects.put('runs/running/report.html', '<!DOCTYPE html><title>report</title>');
}

/** Everything a request could change: the runs, the objects, admissions and executions. */
function everything(api: Api) {
  return structuredClone({
    runs: [...api.registry.runs.entries()],
    objects: [...api.objects.objects.entries()],
    sent: api.queue.sent,
    executions: [...api.executions.byName.entries()],
    stopped: api.executions.stopped,
  });
}

/** One request of each route that names a run, with what its owner gets. */
const RUN_ROUTES: readonly {
  readonly route: string;
  readonly send: (api: Api, callerArn: string | null) => Promise<ApiResponse>;
  readonly ownerStatus: number;
}[] = [
  {
    route: 'GET /runs/{runId}',
    send: (api, callerArn) =>
      api.request('GET', '/runs/{runId}', { pathParameters: { runId: 'running' }, callerArn }),
    ownerStatus: 200,
  },
  {
    route: 'GET /runs/{runId}/programs',
    send: (api, callerArn) =>
      api.request('GET', '/runs/{runId}/programs', {
        pathParameters: { runId: 'running' },
        callerArn,
      }),
    ownerStatus: 200,
  },
  {
    route: 'GET /runs/{runId}/programs/{programId}',
    send: (api, callerArn) =>
      api.request('GET', '/runs/{runId}/programs/{programId}', {
        pathParameters: { runId: 'running', programId: 'g000-seed' },
        callerArn,
      }),
    ownerStatus: 200,
  },
  {
    route: 'GET /runs/{runId}/report',
    send: (api, callerArn) =>
      api.request('GET', '/runs/{runId}/report', {
        pathParameters: { runId: 'running' },
        callerArn,
      }),
    ownerStatus: 200,
  },
  {
    route: 'POST /runs/{runId}/cancel',
    send: (api, callerArn) =>
      api.request('POST', '/runs/{runId}/cancel', {
        pathParameters: { runId: 'running' },
        callerArn,
      }),
    ownerStatus: 200,
  },
  {
    route: 'POST /runs/{runId}/resume',
    send: (api, callerArn) =>
      api.request('POST', '/runs/{runId}/resume', {
        pathParameters: { runId: 'failed' },
        callerArn,
      }),
    ownerStatus: 202,
  },
];

/** Every route, those that name no run included. */
const ALL_ROUTES: readonly {
  readonly route: string;
  readonly send: (api: Api, callerArn: string | null) => Promise<ApiResponse>;
}[] = [
  {
    route: 'POST /runs',
    send: (api, callerArn) => api.request('POST', '/runs', { body: validCreateBody(), callerArn }),
  },
  { route: 'GET /runs', send: (api, callerArn) => api.request('GET', '/runs', { callerArn }) },
  ...RUN_ROUTES,
];

describe('teams: a run is seen and changed by its own team only', () => {
  it.each(RUN_ROUTES)(
    '$route answers its owner ($ownerStatus), as the fixture intends',
    async ({ send, ownerStatus }) => {
      // Arrange
      const api = createApiHarness();
      await recsysRuns(api);

      // Act
      const response = await send(api, RECSYS_CALLER);

      // Assert
      expect(response.statusCode).toBe(ownerStatus);
    }
  );

  it.each(RUN_ROUTES)(
    '$route answers 404 to a caller of another team, as for no run, and changes nothing',
    async ({ send }) => {
      // Arrange
      const api = createApiHarness();
      await recsysRuns(api);
      const before = everything(api);

      // Act
      const response = await send(api, SEARCH_CALLER);

      // Assert
      expect(response.statusCode).toBe(404);
      expect(response.body).toMatchObject({ error: { code: 'NOT_FOUND' } });
      expect(errorMessageOf(response)).toMatch(/^run (running|failed) does not exist$/);
      expect(everything(api)).toEqual(before);
    }
  );

  it("GET /runs lists none of another team's runs", async () => {
    // Arrange
    const api = createApiHarness();
    await recsysRuns(api);

    // Act
    const response = await api.request('GET', '/runs', { callerArn: SEARCH_CALLER });

    // Assert
    expect(response).toEqual({ statusCode: 200, body: { runs: [] } });
  });

  it.each(ALL_ROUTES)(
    '$route answers 403 to a caller with no team, and changes nothing',
    async ({ send }) => {
      // Arrange
      const api = createApiHarness();
      await recsysRuns(api);
      const before = everything(api);

      // Act
      const teamless = await send(api, TEAMLESS_CALLER);
      const unnamed = await send(api, null);

      // Assert
      expect(teamless.statusCode).toBe(403);
      expect(teamless.body).toMatchObject({ error: { code: 'FORBIDDEN' } });
      expect(errorMessageOf(teamless)).toContain(TEAMLESS_CALLER);
      expect(unnamed.statusCode).toBe(403);
      expect(everything(api)).toEqual(before);
    }
  );
});
