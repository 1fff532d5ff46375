import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { z } from 'zod';
import { parseContract } from '../../shared/src/core/contracts/index.js';
import { RemoteApiError } from '../../shared/src/errors.js';

/** API Gateway's service name in a SigV4 credential scope. */
const EXECUTE_API = 'execute-api';
/** A request that has not answered by then will not; the message says where it hung. */
const REQUEST_TIMEOUT_MS = 30_000;

interface SignedApiClientOptions {
  /** The stage's base URL, as the stack's ApiUrl output gives it: `https://…/v1/`. */
  readonly url: string;
  readonly region: string;
  /** The caller's AWS credentials (the SDK's default provider chain). */
  readonly credentials: AwsCredentialIdentityProvider;
}

/** The deployed runs API, every request signed with SigV4 as the caller's IAM principal. */
interface SignedApiClient {
  /** `path` is below the stage (`runs/abc`); the answer is checked against `schema`. */
  request<Schema extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    schema: Schema,
    body?: unknown
  ): Promise<z.output<Schema>>;
}

function createSignedApiClient(options: SignedApiClientOptions): SignedApiClient {
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: EXECUTE_API,
    sha256: Sha256,
  });
  const base = new URL(options.url.endsWith('/') ? options.url : `${options.url}/`);
  return {
    async request(method, path, schema, body) {
      const url = new URL(path, base);
      const text = body === undefined ? undefined : JSON.stringify(body);
      const signed = await signer.sign({
        method,
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port === '' ? {} : { port: Number(url.port) }),
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: {
          host: url.host,
          ...(text === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(text === undefined ? {} : { body: text }),
      });
      const { host: _, ...headers } = signed.headers;
      const response = await send(url, {
        method,
        headers,
        ...(text === undefined ? {} : { body: text }),
      });
      const answer = await readJson(response, method, url);
      if (!response.ok) throw refusal(response.status, answer, method, url);
      return parseContract(schema, answer, `the answer to ${method} ${url.pathname}`);
    },
  };
}

async function send(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new RemoteApiError(
      `could not reach the runs API at ${url.origin} (${(error as Error).message}); check --api-url, or the stack's ApiUrl output and your network`,
      undefined,
      { cause: error }
    );
  }
}

async function readJson(response: Response, method: string, url: URL): Promise<unknown> {
  const text = await response.text();
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch (error) {
    throw new RemoteApiError(
      `${method} ${url.pathname} answered ${response.status} with something that is not JSON; is ${url.origin} the runs API?`,
      response.status,
      { cause: error }
    );
  }
}

/**
 * The API's own errors are `{ error: { code, message } }`; API Gateway's (a refused signature,
 * a missing permission) are `{ message }`. Each says what the caller can do about it.
 */
function refusal(status: number, answer: unknown, method: string, url: URL): RemoteApiError {
  const body = (answer ?? {}) as { error?: { message?: unknown }; message?: unknown };
  const said = String(body.error?.message ?? body.message ?? 'no reason given').replace(/\.$/, '');
  const advice =
    status === 403
      ? ': check that your AWS credentials (profile, role session) are current, that they may call execute-api:Invoke on this API, and that the stack maps your principal to a team (callerTeams)'
      : '';
  return new RemoteApiError(
    `the runs API refused ${method} ${url.pathname} (${status}): ${said}${advice}`,
    status
  );
}

export type { SignedApiClient, SignedApiClientOptions };
export { createSignedApiClient };
