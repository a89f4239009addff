/**
 * Checks the AWS Signature Version 4 of a request to the local store, as S3 does: the request is
 * signed again with the store's own key by the SDK's signer (`@smithy/signature-v4`), over the
 * headers it says it signed, at its own x-amz-date, and the two signatures are compared in
 * constant time. The payload hash is taken as given (`x-amz-content-sha256`, or UNSIGNED-PAYLOAD
 * for a presigned URL), as S3 takes it for the signature.
 *
 * Both forms are accepted: the `Authorization` header (the handlers' SDK client) within 15 minutes
 * of its date, and a presigned URL's `X-Amz-*` query (the browser, curl) until it expires.
 */
import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { SignatureV4 } from '@smithy/signature-v4';

export interface StoreCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What the check needs of an incoming request: node's `req.method`, `req.url` and `req.headers`. */
export interface SignedRequest {
  readonly method: string;
  /** Path and query exactly as sent. */
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
}

export type Verdict = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly message: string };

/** S3's window for a header signature's date, and for a presigned URL's date ahead of the clock. */
export const MAX_SKEW_MS = 15 * 60_000;
/** S3's longest presigned URL: a week. */
export const MAX_EXPIRES_SECONDS = 604_800;

const ALGORITHM = 'AWS4-HMAC-SHA256';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const AUTHORIZATION = /^AWS4-HMAC-SHA256 Credential=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
/** The query parameters `presign` writes itself; every other parameter is signed as sent. */
const PRESIGN_PARAMS = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'];

type SignerRequest = Parameters<SignatureV4['presign']>[0];
type Query = Record<string, string | string[]>;

/** SHA-256 and HMAC-SHA-256 from node's crypto, in the shape the signer takes. */
export class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

const bytes = (d: string | ArrayBuffer | ArrayBufferView): Buffer =>
  typeof d === 'string'
    ? Buffer.from(d, 'utf8')
    : d instanceof ArrayBuffer
      ? Buffer.from(d)
      : Buffer.from(d.buffer, d.byteOffset, d.byteLength);

const deny = (code: string, message: string): Verdict => ({ ok: false, code, message });
const DENIED = deny('AccessDenied', 'Access Denied: requests to this store must be signed with its key (AWS Signature Version 4)');
const MISMATCH = deny('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');

/** `20260531T120000Z` → its time, or undefined. */
function amzDate(text: string | undefined): number | undefined {
  const m = AMZ_DATE.exec(text ?? '');
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const time = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(time).toISOString().replace(/[-:]|\.\d{3}/g, '') === text ? time : undefined;
}

/** The query as the signer wants it (decoded; a repeated name becomes a list), or undefined if an escape is malformed. */
function parseQuery(raw: string): Query | undefined {
  const query: Query = Object.create(null);
  for (const part of raw === '' ? [] : raw.split('&')) {
    const eq = part.indexOf('=');
    let name: string;
    let value: string;
    try {
      name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
      value = eq < 0 ? '' : decodeURIComponent(part.slice(eq + 1));
    } catch {
      return undefined;
    }
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/** `AKID/20260531/us-east-1/s3/aws4_request` → its region, if it is a scope of this key at that date for S3. */
function scopeRegion(credential: string, accessKeyId: string, date: string): string | undefined {
  const [id, day, region, service, terminator, ...rest] = credential.split('/');
  const ok = id === accessKeyId && day === date.slice(0, 8) && service === 's3' && terminator === 'aws4_request' && rest.length === 0;
  return ok && region !== undefined && /^[a-z0-9-]{1,40}$/.test(region) ? region : undefined;
}

/**
 * The headers named as signed, with their values, or undefined if one is missing, the list is not
 * S3's form, or an x-amz-* header comes unsigned — S3 refuses that too; s3rver would take
 * x-amz-copy-source on an upload URL and copy any object to the URL's key.
 */
function signedHeaders(list: string, headers: IncomingHttpHeaders): Record<string, string> | undefined {
  const names = list.split(';');
  const sorted = [...new Set(names)].sort();
  if (!names.includes('host') || names.join(';') !== sorted.join(';') || names.some((n) => n !== n.toLowerCase() || n === ''))
    return undefined;
  if (Object.keys(headers).some((name) => name.startsWith('x-amz-') && !names.includes(name))) return undefined;
  const picked: Record<string, string> = Object.create(null);
  for (const name of names) {
    const value = headers[name];
    if (value === undefined) return undefined;
    picked[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return picked;
}

const sameText = (a: string, b: string): boolean => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * A checker for requests signed with `credentials`.
 * @example const verify = sigV4Verifier(key); if (!(await verify(req)).ok) res.writeHead(403)…
 */
export function sigV4Verifier(credentials: StoreCredentials, now: () => number = Date.now): (req: SignedRequest) => Promise<Verdict> {
  // The SDK's own settings for S3: no double escaping of the path, and no payload hash of its own.
  const signer = new SignatureV4({
    service: 's3',
    region: 'us-east-1',
    credentials,
    sha256: NodeSha256,
    uriEscapePath: false,
    applyChecksum: false,
  });

  const base = (req: SignedRequest, query: Query, headers: Record<string, string>): SignerRequest => {
    const q = req.url.indexOf('?');
    return { method: req.method, protocol: 'http:', hostname: '', path: q < 0 ? req.url : req.url.slice(0, q), query, headers };
  };

  async function byHeader(req: SignedRequest, query: Query, authorization: string): Promise<Verdict> {
    const [, credential = '', list = '', signature = ''] = AUTHORIZATION.exec(authorization) ?? [];
    const dateText = req.headers['x-amz-date'];
    const date = amzDate(typeof dateText === 'string' ? dateText : undefined);
    if (date === undefined || credential === '') return DENIED;
    if (Math.abs(now() - date) > MAX_SKEW_MS)
      return deny('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.');
    const region = scopeRegion(credential, credentials.accessKeyId, String(dateText));
    const headers = signedHeaders(list, req.headers);
    // S3 needs the payload hash signed; the signer adds x-amz-date itself, at the date given.
    if (region === undefined || headers === undefined || !('x-amz-content-sha256' in headers) || !('x-amz-date' in headers)) return DENIED;
    const signed = await signer.sign(base(req, query, headers), {
      signingDate: new Date(date),
      signingRegion: region,
      signableHeaders: new Set(Object.keys(headers)),
    });
    const expected = String(signed.headers.authorization ?? '');
    return sameText(expected, `${ALGORITHM} Credential=${credential}, SignedHeaders=${list}, Signature=${signature}`)
      ? { ok: true }
      : MISMATCH;
  }

  async function byQuery(req: SignedRequest, query: Query): Promise<Verdict> {
    const param = (name: string) => (typeof query[name] === 'string' ? (query[name] as string) : undefined);
    const [credential, dateText, expiresText, list, signature] = PRESIGN_PARAMS.slice(1).map(param);
    const date = amzDate(dateText);
    const expires = Number(expiresText);
    if (param('X-Amz-Algorithm') !== ALGORITHM || date === undefined || !credential || !list || !/^[0-9a-f]{64}$/.test(signature ?? ''))
      return DENIED;
    if (!/^\d{1,6}$/.test(expiresText ?? '') || expires < 1 || expires > MAX_EXPIRES_SECONDS) return DENIED;
    if (now() > date + expires * 1000) return deny('AccessDenied', 'Request has expired');
    if (date - now() > MAX_SKEW_MS) return DENIED;
    const region = scopeRegion(credential, credentials.accessKeyId, String(dateText));
    const headers = signedHeaders(list, req.headers);
    if (region === undefined || headers === undefined) return DENIED;
    const rest: Query = Object.create(null);
    for (const [name, value] of Object.entries(query)) if (!PRESIGN_PARAMS.includes(name)) rest[name] = value;
    // The payload hash: the URL's X-Amz-Content-Sha256 (signed in the query too), else UNSIGNED-PAYLOAD.
    const payload = Object.entries(rest).find(([name]) => name.toLowerCase() === 'x-amz-content-sha256')?.[1];
    const withPayload = {
      ...headers,
      ...('x-amz-content-sha256' in headers ? {} : { 'x-amz-content-sha256': String(payload ?? UNSIGNED_PAYLOAD) }),
    };
    const presigned = await signer.presign(base(req, rest, withPayload), {
      signingDate: new Date(date),
      signingRegion: region,
      expiresIn: expires,
      signableHeaders: new Set(Object.keys(headers)),
      unsignableHeaders: new Set(['x-amz-content-sha256']),
      unhoistableHeaders: new Set(Object.keys(withPayload)),
    });
    const p = presigned.query ?? {};
    const same =
      p['X-Amz-Credential'] === credential &&
      p['X-Amz-SignedHeaders'] === list &&
      p['X-Amz-Date'] === dateText &&
      sameText(String(p['X-Amz-Signature'] ?? ''), signature ?? '');
    return same ? { ok: true } : MISMATCH;
  }

  return async (req) => {
    const q = req.url.indexOf('?');
    const query = parseQuery(q < 0 ? '' : req.url.slice(q + 1));
    if (query === undefined) return DENIED;
    const authorization = req.headers.authorization;
    const presigned = 'X-Amz-Signature' in query || 'X-Amz-Algorithm' in query || 'X-Amz-Credential' in query;
    if (authorization !== undefined && presigned) return DENIED;
    if (authorization !== undefined) return byHeader(req, query, authorization);
    if (presigned) return byQuery(req, query);
    return DENIED;
  };
}
