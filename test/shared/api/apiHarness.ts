import type { ApiDependencies, ApiResponse } from '../../../shared/src/api/index.js';
import { handleApiRequest } from '../../../shared/src/api/index.js';
import {
  createFakeExecutions,
  createInMemoryObjectStore,
  createInMemoryRunRegistry,
  createInMemoryRunStore,
  createRecordingQueue,
} from '../../helpers/inMemoryPorts.js';

interface RequestOptions {
  readonly pathParameters?: Record<string, string>;
  readonly query?: Record<string, string>;
  /** Sent as JSON, or as is when a string. */
  readonly body?: unknown;
  readonly callerArn?: string;
}

/** The API over in-memory ports: run ids run-1, run-2, …; a clock one second per call. */
function createApiHarness() {
  const registry = createInMemoryRunRegistry();
  const objects = createInMemoryObjectStore();
  const store = createInMemoryRunStore(objects);
  const queue = createRecordingQueue();
  const executions = createFakeExecutions();
  let runs = 0;
  let clock = Date.parse('2026-11-26T10:00:00.000Z');
  const deps: ApiDependencies = {
    registry,
    store,
    objects,
    queue,
    executions,
    now: () => {
      clock += 1_000;
      return new Date(clock);
    },
    newRunId: () => {
      runs += 1;
      return `run-${runs}`;
    },
  };

  const request = (
    method: string,
    resource: string,
    options: RequestOptions = {}
  ): Promise<ApiResponse> =>
    handleApiRequest(
      {
        method,
        resource,
        pathParameters: options.pathParameters ?? null,
        queryStringParameters: options.query ?? null,
        body:
          options.body === undefined
            ? null
            : typeof options.body === 'string'
              ? options.body
              : JSON.stringify(options.body),
        ...(options.callerArn === undefined ? {} : { callerArn: options.callerArn }),
      },
      deps
    );

  return { deps, registry, objects, store, queue, executions, request };
}

/** A run request that the API accepts. */
function validCreateBody(overrides: Record<string, unknown> = {}) {
  return {
    team: 'recsys',
    config: { strategy: 'nas', dataset: 'ml-100k', budget: { usd: 5 } },
    seedFiles: { 'model.py': 'import torch\n', 'probes.js': 'export const probes = [];\n' },
    ...overrides,
  };
}

/** The message of an error response. */
function errorMessageOf(response: ApiResponse): string {
  return (response.body as { error: { message: string } }).error.message;
}

export { createApiHarness, errorMessageOf, validCreateBody };
