import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import type { HttpRequest } from '@smithy/types';
import { describe, expect, it } from 'vitest';
import type {
  ReceivedRequest,
  SigV4Expectations,
} from '../../../shared/src/local/sigV4Verifier.js';
import { verifySigV4 } from '../../../shared/src/local/sigV4Verifier.js';

const credentials = {
  accessKeyId: 'LOCALTESTKEY0001',
  secretAccessKey: 'the right secret, 32 chars long!',
};
const signedAt = new Date('2026-03-04T05:06:07Z');
const at = (offsetMs: number) => () => new Date(signedAt.getTime() + offsetMs);

const s3: SigV4Expectations = {
  credentials,
  region: 'us-east-1',
  service: 's3',
  presignedUrls: true,
  now: at(1_000),
};
const dynamo: SigV4Expectations = { ...s3, service: 'dynamodb', presignedUrls: false };

function signer(service: string, secretAccessKey = credentials.secretAccessKey) {
  return new SignatureV4({
    credentials: { ...credentials, secretAccessKey },
    region: 'us-east-1',
    service,
    sha256: Sha256,
    uriEscapePath: service !== 's3',
  });
}

const s3Put: HttpRequest = {
  method: 'PUT',
  protocol: 'http:',
  hostname: '127.0.0.1',
  port: 4569,
  path: '/bucket/runs/a%20b/c%2Bd.txt',
  query: { 'x-id': 'PutObject' },
  headers: {
    host: '127.0.0.1:4569',
    'content-type': 'text/plain',
    'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
  },
  body: 'kept',
};

/** The request as a server receives it: the URL as sent, header names lower-case. */
function asReceived(request: HttpRequest, body?: Uint8Array): ReceivedRequest {
  const query = Object.entries(request.query ?? {})
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  const headers = Object.fromEntries(
    Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value])
  );
  return {
    method: request.method,
    url: query === '' ? request.path : `${request.path}?${query}`,
    headers,
    ...(body === undefined ? {} : { body }),
  };
}

describe('verifySigV4', () => {
  it('accepts a request signed in its header with the expected key', async () => {
    // Prepare
    const signed = await signer('s3').sign(s3Put, { signingDate: signedAt });

    // Act
    const verdict = await verifySigV4(asReceived(signed), s3);

    // Assess
    expect(verdict).toEqual({ ok: true, accessKeyId: credentials.accessKeyId });
  });

  it('names which of several accepted keys signed a request', async () => {
    // Prepare
    const other = {
      accessKeyId: 'LOCALTESTKEY0002',
      secretAccessKey: 'another secret, 32 chars long!!',
    };
    const signed = await new SignatureV4({
      credentials: other,
      region: 'us-east-1',
      service: 'execute-api',
      sha256: Sha256,
    }).sign({ ...s3Put, method: 'GET', body: undefined }, { signingDate: signedAt });
    const api = { ...dynamo, service: 'execute-api', credentials: [credentials, other] };

    // Act
    const verdict = await verifySigV4(asReceived(signed), api);
    const unknown = await verifySigV4(asReceived(signed), { ...api, credentials: [credentials] });

    // Assess
    expect(verdict).toEqual({ ok: true, accessKeyId: other.accessKeyId });
    expect(unknown).toMatchObject({ ok: false, rejection: 'unknown-key' });
  });

  it('rejects a request with no signature', async () => {
    const verdict = await verifySigV4(asReceived(s3Put), s3);

    expect(verdict).toMatchObject({ ok: false, rejection: 'missing' });
  });

  it('rejects the right key id with a wrong secret', async () => {
    // Prepare
    const signed = await signer('s3', 'a wrong secret').sign(s3Put, { signingDate: signedAt });

    // Act
    const verdict = await verifySigV4(asReceived(signed), s3);

    // Assess
    expect(verdict).toMatchObject({ ok: false, rejection: 'mismatch' });
  });

  it('rejects another key id', async () => {
    // Prepare
    const other = new SignatureV4({
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      region: 'us-east-1',
      service: 's3',
      sha256: Sha256,
    });
    const signed = await other.sign(s3Put, { signingDate: signedAt });

    // Act
    const verdict = await verifySigV4(asReceived(signed), s3);

    // Assess
    expect(verdict).toMatchObject({ ok: false, rejection: 'unknown-key' });
  });

  it.each([
    [
      'path',
      (request: ReceivedRequest) => ({ ...request, url: request.url.replace('a%20b', 'a%20c') }),
    ],
    ['query', (request: ReceivedRequest) => ({ ...request, url: `${request.url}&acl=` })],
    [
      'a signed header',
      (request: ReceivedRequest) => ({
        ...request,
        headers: { ...request.headers, 'content-type': 'text/html' },
      }),
    ],
    ['method', (request: ReceivedRequest) => ({ ...request, method: 'DELETE' })],
  ])('rejects a request whose %s changed after signing', async (_, change) => {
    // Prepare
    const signed = await signer('s3').sign(s3Put, { signingDate: signedAt });

    // Act
    const verdict = await verifySigV4(change(asReceived(signed)), s3);

    // Assess
    expect(verdict).toMatchObject({ ok: false, rejection: 'mismatch' });
  });

  it('rejects a header signature older than 15 minutes', async () => {
    // Prepare
    const signed = await signer('s3').sign(s3Put, { signingDate: signedAt });

    // Act
    const fresh = await verifySigV4(asReceived(signed), { ...s3, now: at(14 * 60_000) });
    const stale = await verifySigV4(asReceived(signed), { ...s3, now: at(16 * 60_000) });

    // Assess
    expect(fresh).toEqual({ ok: true, accessKeyId: credentials.accessKeyId });
    expect(stale).toMatchObject({ ok: false, rejection: 'expired' });
  });

  it('rejects a signature for another service', async () => {
    // Prepare
    const signed = await signer('s3').sign(s3Put, { signingDate: signedAt });

    // Act
    const verdict = await verifySigV4(asReceived(signed), dynamo);

    // Assess
    expect(verdict).toMatchObject({ ok: false, rejection: 'malformed' });
  });

  describe('with the body at hand (DynamoDB)', () => {
    const listTables: HttpRequest = {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/',
      query: {},
      headers: {
        host: '127.0.0.1:8000',
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': 'DynamoDB_20120810.ListTables',
      },
      body: '{}',
    };

    it('accepts the body that was signed and rejects another', async () => {
      // Prepare
      const signed = await signer('dynamodb').sign(listTables, { signingDate: signedAt });
      const received = asReceived(signed);

      // Act
      const same = await verifySigV4({ ...received, body: Buffer.from('{}') }, dynamo);
      const other = await verifySigV4({ ...received, body: Buffer.from('{"Limit":1}') }, dynamo);

      // Assess
      expect(same).toEqual({ ok: true, accessKeyId: credentials.accessKeyId });
      expect(other).toMatchObject({ ok: false, rejection: 'mismatch' });
    });

    it('refuses a presigned URL where none is expected', async () => {
      // Prepare
      const presigned = await signer('dynamodb').presign(listTables, { signingDate: signedAt });

      // Act
      const verdict = await verifySigV4(
        { ...asReceived(presigned), body: Buffer.from('{}') },
        dynamo
      );

      // Assess
      expect(verdict).toMatchObject({ ok: false, rejection: 'missing' });
    });
  });

  describe('presigned URLs', () => {
    const s3Get: HttpRequest = {
      method: 'GET',
      protocol: 'http:',
      hostname: '127.0.0.1',
      path: '/bucket/work/model.onnx',
      query: { 'x-id': 'GetObject' },
      // As the S3 presigner prepares it: the payload unsigned, hoisted into the query.
      headers: { host: '127.0.0.1:4569', 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    };

    it('accepts one until it expires, then rejects it', async () => {
      // Prepare
      const presigned = await signer('s3').presign(s3Get, {
        signingDate: signedAt,
        expiresIn: 600,
      });
      const received = asReceived(presigned);

      // Act
      const live = await verifySigV4(received, { ...s3, now: at(599_000) });
      const expired = await verifySigV4(received, { ...s3, now: at(601_000) });

      // Assess
      expect(received.url).toContain('X-Amz-Signature=');
      expect(live).toEqual({ ok: true, accessKeyId: credentials.accessKeyId });
      expect(expired).toMatchObject({ ok: false, rejection: 'expired' });
    });

    it('rejects one signed with a wrong secret, or with its expiry changed', async () => {
      // Prepare
      const wrong = await signer('s3', 'a wrong secret').presign(s3Get, { signingDate: signedAt });
      const right = asReceived(await signer('s3').presign(s3Get, { signingDate: signedAt }));
      const extended = {
        ...right,
        url: right.url.replace('X-Amz-Expires=3600', 'X-Amz-Expires=7200'),
      };

      // Act
      const wrongVerdict = await verifySigV4(asReceived(wrong), s3);
      const extendedVerdict = await verifySigV4(extended, s3);

      // Assess
      expect(extended.url).toContain('X-Amz-Expires=7200');
      expect(wrongVerdict).toMatchObject({ ok: false, rejection: 'mismatch' });
      expect(extendedVerdict).toMatchObject({ ok: false, rejection: 'mismatch' });
    });
  });
});
