import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Sha256 } from '@smithy/core/checksum';
import {
  ALGORITHM_IDENTIFIER,
  createScope,
  getCanonicalHeaders,
  SHA256_HEADER,
  SignatureV4,
  UNSIGNED_PAYLOAD,
} from '@smithy/signature-v4';
import type { AwsCredentialIdentity, HttpRequest, QueryParameterBag } from '@smithy/types';

/** How far a header-signed request's X-Amz-Date may be from this clock (AWS's own window). */
const MAX_CLOCK_SKEW_MS = 15 * 60_000;
/** The longest life SigV4 allows a presigned URL. */
const MAX_PRESIGNED_SECONDS = 604_800;
const LONG_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;

/** What a server accepts: its key pairs, one region, one service. */
interface SigV4Expectations {
  /** One key pair (the stand-ins'), or several (a test API's, one per principal). */
  readonly credentials: AwsCredentialIdentity | readonly AwsCredentialIdentity[];
  readonly region: string;
  /** The service in the credential scope: `s3`, `dynamodb`. */
  readonly service: string;
  /** S3 takes presigned URLs (the signature in the query, the payload unsigned). */
  readonly presignedUrls: boolean;
  readonly now?: () => Date;
}

/** A request as it arrived: method, path and query as sent, headers as Node parsed them. */
interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /**
   * The whole body, when the server read it first: its hash is then the payload hash. Without it
   * a header-signed request must declare the hash in x-amz-content-sha256 (as S3 clients do).
   */
  readonly body?: Uint8Array;
}

type SigV4Rejection = 'missing' | 'malformed' | 'unknown-key' | 'expired' | 'mismatch';

type SigV4Verdict =
  /** `accessKeyId`: whose key signed it. */
  | { readonly ok: true; readonly accessKeyId: string }
  | { readonly ok: false; readonly rejection: SigV4Rejection; readonly message: string };

/** What the signature claims to cover, read from the Authorization header or the query. */
interface SignatureClaim {
  readonly accessKeyId: string;
  readonly scope: { readonly date: string; readonly region: string; readonly service: string };
  readonly longDate: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
  readonly payloadHash: string;
  /** Seconds a presigned URL lives; absent for a header-signed request. */
  readonly expiresIn?: number;
}

/**
 * The AWS SDK's own canonicalisation (path, query, headers) and key derivation, run on the
 * request as received: the signature it gives is the one a client holding the key computed.
 */
class SignatureRecomputer extends SignatureV4 {
  async signatureOf(request: HttpRequest, claim: SignatureClaim, signingDate: Date) {
    const canonicalHeaders = getCanonicalHeaders(request, undefined, new Set(claim.signedHeaders));
    const canonicalRequest = this.createCanonicalRequest(
      request,
      canonicalHeaders,
      claim.payloadHash
    );
    const { date, region, service } = claim.scope;
    const stringToSign = await this.createStringToSign(
      claim.longDate,
      createScope(date, region, service),
      canonicalRequest,
      ALGORITHM_IDENTIFIER
    );
    return this.sign(stringToSign, { signingDate, signingRegion: region, signingService: service });
  }
}

/**
 * Verifies a request's AWS Signature Version 4 (in the Authorization header, or in the query of a
 * presigned URL where allowed): the key id, region and service of its scope, its date (15 minutes
 * either way; a presigned URL until it expires), and the signature over the canonical request,
 * recomputed with the expected secret. Anything unsigned or signed otherwise is rejected.
 */
async function verifySigV4(
  request: ReceivedRequest,
  expected: SigV4Expectations
): Promise<SigV4Verdict> {
  const [path = '', rawQuery = ''] = splitOnce(request.url, '?');
  const query = parseQuery(rawQuery);
  if (query === undefined) return reject('malformed', 'the query string is not URI-encoded');
  const claim = await readClaim(request, query, expected.presignedUrls);
  if ('rejection' in claim) return claim;
  const { accessKeyId, scope } = claim;
  const credentials = [expected.credentials]
    .flat()
    .find((known) => known.accessKeyId === accessKeyId);
  if (credentials === undefined) {
    return reject('unknown-key', `the access key id ${accessKeyId} is not this server's`);
  }
  if (scope.region !== expected.region || scope.service !== expected.service) {
    return reject(
      'malformed',
      `the credential scope is ${scope.region}/${scope.service}; this server is ${expected.region}/${expected.service}`
    );
  }
  const signingDate = parseLongDate(claim.longDate);
  if (signingDate === undefined || claim.longDate.slice(0, 8) !== scope.date) {
    return reject('malformed', `the signing date ${claim.longDate} does not match its scope`);
  }
  const stale = staleness(signingDate, claim.expiresIn, (expected.now ?? (() => new Date()))());
  if (stale !== undefined) return reject('expired', stale);
  const signedRequest = signedPart(request, path, query, claim.signedHeaders);
  if (signedRequest === undefined) {
    return reject('mismatch', 'a signed header is missing from the request');
  }
  const recomputer = new SignatureRecomputer({
    credentials,
    region: expected.region,
    service: expected.service,
    sha256: Sha256,
    // S3 signs the path as sent; every other service signs it normalised and encoded again.
    uriEscapePath: expected.service !== 's3',
  });
  const recomputed = await recomputer.signatureOf(signedRequest, claim, signingDate);
  const matches = timingSafeEqual(Buffer.from(recomputed), Buffer.from(claim.signature));
  return matches
    ? { ok: true, accessKeyId }
    : reject('mismatch', 'the signature does not match the request and this key');
}

/** The signature's claims, from the Authorization header or, for a presigned URL, the query. */
async function readClaim(
  request: ReceivedRequest,
  query: QueryParameterBag,
  presignedUrls: boolean
): Promise<SignatureClaim | Extract<SigV4Verdict, { ok: false }>> {
  const authorization = request.headers.authorization;
  const presigned = 'X-Amz-Algorithm' in query;
  if (authorization !== undefined && presigned) {
    return reject('malformed', 'a request is signed in its header or in its query, not both');
  }
  if (authorization !== undefined) {
    const match = AUTHORIZATION.exec(authorization);
    const [, credential = '', signedHeaders = '', signature = ''] = match ?? [];
    const longDate = request.headers['x-amz-date'];
    if (match === null || typeof longDate !== 'string') {
      return reject('malformed', 'the Authorization header is not a SigV4 signature with a date');
    }
    const payloadHash = await headerPayloadHash(request);
    if (payloadHash === undefined) {
      return reject('mismatch', 'the payload hash is missing or does not match the body');
    }
    return claimOf(credential, longDate, signedHeaders, signature, payloadHash);
  }
  if (!presigned) return reject('missing', 'the request is not signed');
  if (!presignedUrls) return reject('missing', 'this server takes no presigned URLs');
  return presignedClaim(query);
}

function presignedClaim(
  query: QueryParameterBag
): SignatureClaim | Extract<SigV4Verdict, { ok: false }> {
  const single = (name: string) => {
    const value = query[name];
    return typeof value === 'string' ? value : undefined;
  };
  const credential = single('X-Amz-Credential');
  const longDate = single('X-Amz-Date');
  const signedHeaders = single('X-Amz-SignedHeaders');
  const signature = single('X-Amz-Signature');
  const expires = single('X-Amz-Expires');
  if (
    single('X-Amz-Algorithm') !== ALGORITHM_IDENTIFIER ||
    credential === undefined ||
    longDate === undefined ||
    signedHeaders === undefined ||
    signature === undefined ||
    !/^[0-9a-f]{64}$/.test(signature) ||
    expires === undefined ||
    !/^\d{1,6}$/.test(expires)
  ) {
    return reject('malformed', 'the presigned URL lacks a well-formed SigV4 parameter');
  }
  // The presigner hoists the payload hash into the query; S3's default is an unsigned payload.
  const payloadHash = single('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD;
  return claimOf(credential, longDate, signedHeaders, signature, payloadHash, Number(expires));
}

function claimOf(
  credential: string,
  longDate: string,
  signedHeaders: string,
  signature: string,
  payloadHash: string,
  expiresIn?: number
): SignatureClaim | Extract<SigV4Verdict, { ok: false }> {
  const [accessKeyId, date, region, service, terminator, ...rest] = credential.split('/');
  if (
    accessKeyId === undefined ||
    date === undefined ||
    region === undefined ||
    service === undefined ||
    terminator !== 'aws4_request' ||
    rest.length > 0
  ) {
    return reject(
      'malformed',
      `the credential ${credential} is not <key>/<date>/<region>/<service>/aws4_request`
    );
  }
  const headers = signedHeaders.split(';');
  if (!headers.includes('host')) return reject('malformed', 'the host header is not signed');
  return {
    accessKeyId,
    scope: { date, region, service },
    longDate,
    signedHeaders: headers,
    signature,
    payloadHash,
    ...(expiresIn === undefined ? {} : { expiresIn }),
  };
}

/**
 * The payload hash of a header-signed request: the body's own hash when it was read (a declared
 * hash must agree with it), else the declared x-amz-content-sha256.
 */
async function headerPayloadHash(request: ReceivedRequest): Promise<string | undefined> {
  const declared = request.headers[SHA256_HEADER];
  const declaredHash = typeof declared === 'string' ? declared : undefined;
  if (request.body === undefined) return declaredHash;
  const hash = new Sha256();
  hash.update(request.body);
  const actual = Buffer.from(await hash.digest()).toString('hex');
  return declaredHash === undefined || declaredHash === actual ? actual : undefined;
}

/** Why a signature is no longer (or not yet) valid at `now`, or undefined when it is. */
function staleness(signedAt: Date, expiresIn: number | undefined, now: Date): string | undefined {
  const age = now.getTime() - signedAt.getTime();
  if (age < -MAX_CLOCK_SKEW_MS) return 'the request is signed more than 15 minutes ahead';
  if (expiresIn === undefined) {
    return age > MAX_CLOCK_SKEW_MS ? 'the request was signed more than 15 minutes ago' : undefined;
  }
  if (expiresIn < 1 || expiresIn > MAX_PRESIGNED_SECONDS) {
    return `a presigned URL lives 1 to ${MAX_PRESIGNED_SECONDS} seconds, not ${expiresIn}`;
  }
  return age > expiresIn * 1000 ? 'the presigned URL has expired' : undefined;
}

/** The request reduced to what was signed: its path, query and the signed headers only. */
function signedPart(
  request: ReceivedRequest,
  path: string,
  query: QueryParameterBag,
  signedHeaders: readonly string[]
): HttpRequest | undefined {
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) return undefined;
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  // Only the method, path, query, headers and payload hash are signed; the host is a header.
  return { method: request.method, protocol: 'http:', hostname: '', path, query, headers };
}

/** Query parameters decoded as the signer saw them (`+` stays `+`), or undefined if malformed. */
function parseQuery(rawQuery: string): QueryParameterBag | undefined {
  const query: Record<string, string | string[]> = {};
  try {
    for (const pair of rawQuery.split('&')) {
      if (pair === '') continue;
      const [rawKey = '', rawValue = ''] = splitOnce(pair, '=');
      const key = decodeURIComponent(rawKey);
      const value = decodeURIComponent(rawValue);
      const earlier = query[key];
      query[key] =
        earlier === undefined ? value : [...(Array.isArray(earlier) ? earlier : [earlier]), value];
    }
  } catch {
    return undefined;
  }
  return query;
}

function parseLongDate(longDate: string): Date | undefined {
  const date = new Date(longDate.replace(LONG_DATE, '$1-$2-$3T$4:$5:$6Z'));
  return LONG_DATE.test(longDate) && !Number.isNaN(date.getTime()) ? date : undefined;
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
}

function reject(rejection: SigV4Rejection, message: string): Extract<SigV4Verdict, { ok: false }> {
  return { ok: false, rejection, message };
}

export type { ReceivedRequest, SigV4Expectations, SigV4Rejection, SigV4Verdict };
export { verifySigV4 };
