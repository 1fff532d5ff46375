import type { ObjectStore, RunRegistry, RunStore } from '../engine/index.js';
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

/** Serialised as JSON by the handler. */
interface ApiResponse {
  readonly statusCode: number;
  readonly body: unknown;
}

interface ApiDependencies {
  readonly registry: RunRegistry;
  readonly store: RunStore;
  readonly objects: ObjectStore;
  readonly queue: AdmissionQueue;
  readonly executions: RunExecutions;
  now(): Date;
  newRunId(): string;
}

/** One route: a method on a resource. */
type RouteHandler = (request: ApiRequest, deps: ApiDependencies) => Promise<ApiResponse>;

export type { ApiDependencies, ApiRequest, ApiResponse, RouteHandler };
