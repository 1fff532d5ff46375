import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { request as forwardRequest } from 'node:http';
import type { SigV4Expectations, SigV4Rejection, SigV4Verdict } from './sigV4Verifier.js';
import { verifySigV4 } from './sigV4Verifier.js';

/** dynalite's own limit on a request body. */
const MAX_DYNAMO_REQUEST_BYTES = 16 * 1024 * 1024;

/** S3's error codes for each rejection, so that an SDK client names the failure. */
const s3ErrorCodes = {
  missing: 'AccessDenied',
  malformed: 'AccessDenied',
  'unknown-key': 'InvalidAccessKeyId',
  expired: 'AccessDenied',
  mismatch: 'SignatureDoesNotMatch',
} satisfies Record<SigV4Rejection, string>;

/** DynamoDB's error types for each rejection. */
const dynamoErrorTypes = {
  missing: 'MissingAuthenticationTokenException',
  malformed: 'IncompleteSignatureException',
  'unknown-key': 'UnrecognizedClientException',
  expired: 'InvalidSignatureException',
  mismatch: 'InvalidSignatureException',
} satisfies Record<SigV4Rejection, string>;

type Rejected = Extract<SigV4Verdict, { ok: false }>;

/**
 * The S3 stand-in's front: a request whose signature (header or presigned URL) verifies goes on
 * to s3rver untouched, body unread; any other gets 403. The payload hash is the one the signed
 * x-amz-content-sha256 header declares, as S3 clients send it.
 */
function s3Gate(s3rver: RequestListener, expected: SigV4Expectations): RequestListener {
  return guarded(async (request, response) => {
    const verdict = await verifySigV4(received(request), expected);
    if (!verdict.ok) {
      const body =
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<Error><Code>${s3ErrorCodes[verdict.rejection]}</Code>` +
        `<Message>${escapeXml(verdict.message)}</Message></Error>`;
      refuse(response, 'application/xml', body);
      return;
    }
    s3rver(request, response);
  });
}

/**
 * The DynamoDB stand-in's front: it reads the body (DynamoDB clients sign its hash, not a header),
 * verifies the signature, and forwards a verified request to dynalite on its private socket.
 */
function dynamoGate(dynaliteSocket: string, expected: SigV4Expectations): RequestListener {
  return guarded(async (request, response) => {
    const body = await readBody(request, MAX_DYNAMO_REQUEST_BYTES);
    if (body === undefined) {
      response.writeHead(413).end();
      return;
    }
    const verdict: SigV4Verdict = await verifySigV4({ ...received(request), body }, expected);
    if (!verdict.ok) {
      refuse(response, 'application/x-amz-json-1.0', dynamoError(verdict));
      return;
    }
    forward(request, body, response, dynaliteSocket);
  });
}

function dynamoError(verdict: Rejected): string {
  const type = `com.amazon.coral.service#${dynamoErrorTypes[verdict.rejection]}`;
  return JSON.stringify({ __type: type, message: verdict.message });
}

function forward(
  request: IncomingMessage,
  body: Buffer,
  response: ServerResponse,
  socketPath: string
): void {
  const upstream = forwardRequest(
    { socketPath, method: request.method, path: request.url, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    }
  );
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
  upstream.end(body);
}

function received(request: IncomingMessage) {
  return { method: request.method ?? 'GET', url: request.url ?? '/', headers: request.headers };
}

/** The whole body, or undefined past `limit` bytes. */
async function readBody(request: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    length += buffer.length;
    if (length > limit) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function refuse(response: ServerResponse, contentType: string, body: string): void {
  response.writeHead(403, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

/** A failure inside a gate answers 500 instead of ending the servers' process. */
function guarded(
  handle: (request: IncomingMessage, response: ServerResponse) => Promise<void>
): RequestListener {
  return (request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  };
}

/** Rejection messages quote what the client sent (its key id, its scope). */
function escapeXml(text: string): string {
  const entities: Record<string, string> = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&apos;',
  };
  return text.replace(/[&<>"']/g, (character) => entities[character] ?? character);
}

export { dynamoGate, s3Gate };
