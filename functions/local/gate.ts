/**
 * The local store's front door, and its only listener: every request must carry a valid AWS
 * SigV4 signature made with the store's own key (header or presigned URL), else 403 and s3rver
 * never sees it. s3rver itself lets an unsigned request through as anonymous and does not check
 * V4 signatures at all.
 *
 * CORS is answered here, not by s3rver: a page may use presigned URLs only from the origins given
 * (the one `urakata serve` serves the add-in from), never `*`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type StoreCredentials, sigV4Verifier } from './sigv4.js';

export interface GateOptions {
  readonly credentials: StoreCredentials;
  /** Origins whose pages may PUT and GET through presigned URLs. */
  readonly origins: readonly string[];
  /** The store (s3rver's request handler), reached only by a request whose signature holds. */
  readonly store: (req: IncomingMessage, res: ServerResponse) => void;
}

/** What a presigned URL is issued for: uploads and downloads. */
const CORS_METHODS = ['GET', 'HEAD', 'PUT'];

function refuse(res: ServerResponse, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  // The connection closes: the body of a refused upload is not read.
  res.writeHead(403, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body), connection: 'close' });
  res.end(body);
}

/**
 * The gate's request handler.
 * @example createServer(storeGate({ credentials, origins: ['https://localhost:3000'], store: s3rver.callback() }))
 */
export function storeGate(options: GateOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const verify = sigV4Verifier(options.credentials);
  return (req, res) => {
    const origin = req.headers.origin;
    const allowed = origin !== undefined && options.origins.includes(origin) ? origin : undefined;
    res.setHeader('vary', 'Origin');
    if (req.method === 'OPTIONS') {
      // A preflight carries no signature: it is answered for the allowed origin alone.
      const method = req.headers['access-control-request-method'] ?? '';
      if (allowed === undefined || !CORS_METHODS.includes(method))
        return refuse(res, 'AccessForbidden', 'CORSResponse: This CORS request is not allowed.');
      const requested = req.headers['access-control-request-headers'];
      res.writeHead(204, {
        'access-control-allow-origin': allowed,
        'access-control-allow-methods': CORS_METHODS.join(', '),
        ...(requested ? { 'access-control-allow-headers': requested } : {}),
        'access-control-max-age': '3000',
      });
      return void res.end();
    }
    if (allowed !== undefined) {
      res.setHeader('access-control-allow-origin', allowed);
      res.setHeader('access-control-expose-headers', 'ETag');
    }
    verify({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }).then(
      (verdict) => (verdict.ok ? options.store(req, res) : refuse(res, verdict.code, verdict.message)),
      () => refuse(res, 'AccessDenied', 'Access Denied'),
    );
  };
}
