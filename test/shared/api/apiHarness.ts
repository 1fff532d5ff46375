import type { ApiDependencies, ApiResponse } from '../../../shared/src/api/index.js';
import { callerTeamsSchema, handleApiRequest } from '../../../shared/src/api/index.js';
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
  /** The IAM caller API Gateway names; RECSYS_CALLER unless given, none when null. */
  readonly callerArn?: string | null;
}

/** A session of the role that team recsys maps (runs made by queuedRun are recsys's). */
const RECSYS_CALLER = 'arn:aws:sts::123456789012:assumed-role/recsys-ci/ana';
/** A user of team search. */
const SEARCH_CALLER = 'arn:aws:iam::123456789012:user/sam';
/** A user the mapping does not name. */
const TEAMLESS_CALLER = 'arn:aws:iam::123456789012:user/eve';

/** The stack's callerTeams setting, as the API function reads it. */
const CALLER_TEAMS = callerTeamsSchema.parse({
  'arn:aws:iam::123456789012:role/ci/recsys-ci': 'recsys',
  [SEARCH_CALLER]: 'search',
});

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
    callerTeams: CALLER_TEAMS,
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
  ): Promise<ApiResponse> => {
    const callerArn = options.callerArn === undefined ? RECSYS_CALLER : options.callerArn;
    return handleApiRequest(
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
        ...(callerArn === null ? {} : { callerArn }),
      },
      deps
    );
  };

  return { deps, registry, objects, store, queue, executions, request };
}

/** A run request that the API accepts. */
function validCreateBody(overrides: Record<string, unknown> = {}) {
  return {
    config: { strategy: 'nas', dataset: 'ml-100k', budget: { usd: 5 } },
    seedFiles: { 'model.py': 'import torch\n', 'probes.js': 'export const probes = [];\n' },
    ...overrides,
  };
}

/** The message of an error response. */
function errorMessageOf(response: ApiResponse): string {
  return (response.body as { error: { message: string } }).error.message;
}

export {
  createApiHarness,
  errorMessageOf,
  RECSYS_CALLER,
  SEARCH_CALLER,
  TEAMLESS_CALLER,
  validCreateBody,
};
