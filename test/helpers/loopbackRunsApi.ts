import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsCredentialIdentity } from '@smithy/types';
import type { ApiDependencies } from '../../shared/src/api/index.js';
import { API_ROUTES, handleApiRequest, internalErrorResponse } from '../../shared/src/api/index.js';
import { apiRequestOfProxyEvent, proxyResultOf } from '../../shared/src/lambda/apiGatewayProxy.js';
import type { SigV4Rejection } from '../../shared/src/local/sigV4Verifier.js';
import { verifySigV4 } from '../../shared/src/local/sigV4Verifier.js';

/** An IAM principal the test API knows: its key pair, and the ARN API Gateway would name. */
interface ApiPrincipal {
  readonly arn: string;
  readonly credentials: AwsCredentialIdentity;
}

interface LoopbackRunsApiOptions {
  /** The API's real dependencies (embedded stand-ins or in-memory ports). */
  readonly deps: ApiDependencies;
  readonly principals: readonly ApiPrincipal[];
  readonly region: string;
  /** CloudFormation stacks this server describes: stack name → its outputs. */
  readonly stacks?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

interface LoopbackRunsApi {
  /** The stage URL, as the stack's ApiUrl output gives it. */
  readonly apiUrl: string;
  /** The server's root, where it answers CloudFormation's DescribeStacks. */
  readonly cloudFormationUrl: string;
  close(): Promise<void>;
}

const STAGE = 'v1';

/** What API Gateway answers for each rejected signature (403, `{ message }`). */
const gatewayMessages = {
  missing: 'Missing Authentication Token',
  malformed: 'Authorization header requires existence of either a X-Amz-Date or a Date header.',
  'unknown-key': 'The security token included in the request is invalid.',
  expired: 'Signature expired.',
  mismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
} satisfies Record<SigV4Rejection, string>;

/**
 * The runs API as API Gateway serves it, on 127.0.0.1: IAM authorisation by SigV4 (the same
 * verifier the embedded stand-ins use) against the principals' keys, the signing principal
 * named to the function as `requestContext.identity.userArn`, the path matched to a resource,
 * and the API's own handler behind it through the proxy event and result. It also answers
 * CloudFormation's DescribeStacks (signed too) for the stacks it is given.
 */
async function startLoopbackRunsApi(options: LoopbackRunsApiOptions): Promise<LoopbackRunsApi> {
  const server = createServer((request, response) => {
    serve(request, response, options).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    apiUrl: `${root}/${STAGE}/`,
    cloudFormationUrl: root,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function serve(
  request: IncomingMessage,
  response: ServerResponse,
  options: LoopbackRunsApiOptions
): Promise<void> {
  const body = await readBody(request);
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const service = url.pathname.startsWith(`/${STAGE}/`) ? 'execute-api' : 'cloudformation';
  const verdict = await verifySigV4(
    { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers, body },
    {
      credentials: options.principals.map((principal) => principal.credentials),
      region: options.region,
      service,
      presignedUrls: false,
    }
  );
  if (!verdict.ok) {
    const message = gatewayMessages[verdict.rejection];
    if (service === 'cloudformation') {
      send(response, 403, 'text/xml', queryError('SignatureDoesNotMatch', message));
    } else {
      send(response, 403, 'application/json', JSON.stringify({ message }));
    }
    return;
  }
  const principal = options.principals.find(
    (known) => known.credentials.accessKeyId === verdict.accessKeyId
  );
  if (service === 'cloudformation') {
    describeStacks(response, new URLSearchParams(body.toString('utf8')), options.stacks ?? {});
    return;
  }
  const path = url.pathname.slice(`/${STAGE}`.length);
  const matched = matchResource(path);
  if (matched === undefined) {
    send(response, 403, 'application/json', JSON.stringify({ message: gatewayMessages.missing }));
    return;
  }
  const query = Object.fromEntries(url.searchParams);
  const event = {
    httpMethod: request.method ?? 'GET',
    resource: matched.resource,
    pathParameters: Object.keys(matched.parameters).length === 0 ? null : matched.parameters,
    queryStringParameters: Object.keys(query).length === 0 ? null : query,
    body: body.length === 0 ? null : body.toString('utf8'),
    isBase64Encoded: false,
    requestContext: { identity: { userArn: principal?.arn ?? null } },
  };
  const answer = await handleApiRequest(apiRequestOfProxyEvent(event), options.deps).catch(() =>
    internalErrorResponse()
  );
  const result = proxyResultOf(answer);
  send(response, result.statusCode, 'application/json', result.body);
}

/** The API's resource whose template the path fits, with its path parameters (decoded). */
function matchResource(
  path: string
): { resource: string; parameters: Record<string, string> } | undefined {
  const segments = path.split('/').filter(Boolean);
  for (const resource of new Set(API_ROUTES.map((route) => route.resource))) {
    const template = resource.split('/').filter(Boolean);
    if (template.length !== segments.length) continue;
    const parameters: Record<string, string> = {};
    const fits = template.every((part, index) => {
      const segment = segments[index] ?? '';
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part === segment;
      parameters[name] = decodeURIComponent(segment);
      return segment !== '';
    });
    if (fits) return { resource, parameters };
  }
  return undefined;
}

/** CloudFormation's query protocol: a form body in, XML out. */
function describeStacks(
  response: ServerResponse,
  form: URLSearchParams,
  stacks: Readonly<Record<string, Readonly<Record<string, string>>>>
): void {
  const name = form.get('StackName') ?? '';
  const outputs = form.get('Action') === 'DescribeStacks' ? stacks[name] : undefined;
  if (outputs === undefined) {
    send(
      response,
      400,
      'text/xml',
      queryError('ValidationError', `Stack with id ${name} does not exist`)
    );
    return;
  }
  const members = Object.entries(outputs)
    .map(
      ([key, value]) =>
        `<member><OutputKey>${escapeXml(key)}</OutputKey><OutputValue>${escapeXml(value)}</OutputValue></member>`
    )
    .join('');
  send(
    response,
    200,
    'text/xml',
    `<DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult><Stacks><member><StackName>${escapeXml(name)}</StackName><StackStatus>UPDATE_COMPLETE</StackStatus><CreationTime>2026-01-01T00:00:00Z</CreationTime><Outputs>${members}</Outputs></member></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>loopback</RequestId></ResponseMetadata></DescribeStacksResponse>`
  );
}

/** An error in CloudFormation's query protocol, as its SDK parses one. */
function queryError(code: string, message: string): string {
  return `<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>loopback</RequestId></ErrorResponse>`;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

export type { ApiPrincipal, LoopbackRunsApi };
export { startLoopbackRunsApi };
