import type { ObjectStore, RunRegistry, RunStore } from '../engine/index.js';
import type { CallerTeams } from './callerTeams.js';
import type { AdmissionQueue, RunExecutions } from './ports.js';

/** An API Gateway request, reduced to what the routes read. */
interface ApiRequest {
  readonly method: string;
  /** The matched resource, with its placeholders: `/runs/{runId}`. */
  readonly resource: string;
  readonly pathParameters: Readonly<Record<string, string | undefined>> | null;
  readonly queryStringParameters: Readonly<Record<string, string | undefined>> | null;
  readonly body: string | null;
  /** The IAM caller, when API Gateway names one. */
  readonly callerArn?: string;
}

/** Who asks: the IAM principal API Gateway names, and its team (from callerTeams). */
interface Caller {
  readonly arn: string;
  readonly team: string;
}

/** The HTML page's content type: a page is served as it is. */
const HTML_CONTENT_TYPE = 'text/html; charset=utf-8';

/** A body the handler serialises as JSON, or a page (the run's report) served as it is. */
type ApiResponse =
  | { readonly statusCode: number; readonly body: unknown }
  | {
      readonly statusCode: number;
      readonly body: string;
      readonly contentType: typeof HTML_CONTENT_TYPE;
    };

interface ApiDependencies {
  readonly registry: RunRegistry;
  readonly store: RunStore;
  readonly objects: ObjectStore;
  readonly queue: AdmissionQueue;
  readonly executions: RunExecutions;
  /** Each caller's team: a run is seen and changed by its own team's callers only. */
  readonly callerTeams: CallerTeams;
  now(): Date;
  newRunId(): string;
}

/** One route: a method on a resource, answering a caller that has a team. */
type RouteHandler = (
  request: ApiRequest,
  caller: Caller,
  deps: ApiDependencies
) => Promise<ApiResponse>;

export type { ApiDependencies, ApiRequest, ApiResponse, Caller, RouteHandler };
export { HTML_CONTENT_TYPE };
