/**
 * The HTTP API (DESIGN §3.3), one router for API Gateway and `urakata serve`. The tenant comes
 * from the authorizer, never from the request: every key below is built from it.
 */
import { randomUUID } from 'node:crypto';
import { ID_SEGMENT, INVOICE_SEARCH_PATH, jobPattern, jobsPath } from '../core/api/routes.js';
import { ApiError, type ApiResponse, bodyTooLarge, json, toResponse, tooManyRequests } from './errors.js';
import { correlationId, logger, withLogKeys } from './log.js';
import { createInvoiceBatch, type InvoiceBatchDeps, invoiceBatchStatus } from './invoice/batch.js';
import { searchInvoices } from './invoice/search.js';
import type { JobHandlers, RunKind } from './jobs/handlers.js';
import { MAX_BODY_BYTES } from './schemas.js';

export interface ApiRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/v1/invoice-batches/…`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string | undefined>>;
  readonly body: string | undefined;
  /** The Content-Type header as sent, if any: a route that takes a JSON body takes `application/json` only. */
  readonly contentType?: string | undefined;
  /**
   * The request's id, on every log line it writes and carried into the work it starts
   * (`correlation_id`): API Gateway's `requestContext.requestId`; one is made up when absent.
   */
  readonly requestId?: string;
}

export interface ApiDeps extends InvoiceBatchDeps {
  readonly jobs?: JobHandlers;
  /** Each tenant's request rate (the Lambda handler has one per instance; `urakata serve` and the tests none). */
  readonly throttle?: TenantThrottle;
}

/** A token bucket: up to `burst` requests at once, refilled at `perSecond`. */
export interface RateLimit {
  readonly perSecond: number;
  readonly burst: number;
}

/**
 * One tenant's share of one API instance: 10 requests a second, 20 at once — a task pane polls
 * every 1.5 s, so a handful of users at work stay far below it; a script in a loop does not. The
 * stage-wide throttle (50 a second, cdk/stack.ts) is five tenants at this rate.
 */
export const TENANT_RATE_LIMIT: RateLimit = { perSecond: 10, burst: 20 };

/** Beyond this many tenants remembered, the buckets that have refilled are forgotten. */
const MAX_BUCKETS = 10_000;

/**
 * Per-tenant token buckets in this process's memory: one tenant's burst is answered 429 while the
 * others are served. A Lambda instance has its own (see docs/cloud.md for what that does and does
 * not bound).
 * @example const throttle = new TenantThrottle(); throttle.take('acme') // undefined (go on), or the seconds to wait
 */
export class TenantThrottle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: RateLimit = TENANT_RATE_LIMIT,
    /** Milliseconds, monotonic. */
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Takes a token for one request of `tenant`: undefined if it had one, else whole seconds until it has. */
  take(tenant: string): number | undefined {
    const now = this.now();
    const { perSecond, burst } = this.limit;
    const bucket = this.buckets.get(tenant) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    if (!this.buckets.has(tenant)) {
      if (this.buckets.size >= MAX_BUCKETS) this.forgetFull(now);
      this.buckets.set(tenant, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }

  private forgetFull(now: number): void {
    const { perSecond, burst } = this.limit;
    for (const [tenant, b] of this.buckets) {
      if (b.tokens + ((now - b.at) / 1000) * perSecond >= burst) this.buckets.delete(tenant);
    }
  }
}

type Route = (deps: ApiDeps, tenant: string, req: ApiRequest, id: string) => Promise<ApiResponse>;

/**
 * Whether a Content-Type header says JSON: `application/json`, with no charset or UTF-8 (JSON is
 * UTF-8, RFC 8259).
 * @example isJsonContentType('application/json; charset=utf-8') // true
 * @example isJsonContentType('application/x-www-form-urlencoded') // false (curl -d)
 */
export function isJsonContentType(header: string | undefined): boolean {
  const [type, ...params] = (header ?? '').split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => !p.startsWith('charset=') || p === 'charset=utf-8' || p === 'charset="utf-8"');
}

/** The JSON body of a route that takes one: 415 unless the request says JSON, 413 over the limit. */
function parseBody(req: ApiRequest): unknown {
  if (!isJsonContentType(req.contentType)) {
    throw new ApiError(
      415,
      'unsupported_media_type',
      '本文は Content-Type: application/json で送ってください',
      'send the body as Content-Type: application/json',
    );
  }
  if (req.body && Buffer.byteLength(req.body) > MAX_BODY_BYTES) throw bodyTooLarge();
  if (!req.body) return {};
  try {
    return JSON.parse(req.body);
  } catch (e) {
    throw new ApiError(400, 'invalid_json', '本文をJSONとして読めません', 'body is not valid JSON', undefined, { cause: e });
  }
}

const jobsOf = (deps: ApiDeps): JobHandlers => {
  if (!deps.jobs) throw new ApiError(501, 'not_available', 'この処理はまだ利用できません', 'not available yet');
  return deps.jobs;
};

type RouteEntry = { method: string; path: string; handle: Route };

/** A kind of run's two routes: POST `/v1/{kind}` creates one, GET `/v1/{kind}/{id}` answers its status. */
const runRoutes = (kind: RunKind): RouteEntry[] => [
  { method: 'POST', path: jobsPath(kind), handle: async (d, t, r) => json(201, await jobsOf(d).create(kind, t, parseBody(r))) },
  { method: 'GET', path: jobPattern(kind), handle: async (d, t, _r, id) => json(200, await jobsOf(d).status(kind, t, id)) },
];

/**
 * Method + path pattern → handler. `{id}` matches one path segment. The one list of routes: the
 * CDK stack gives API Gateway these and no others; the paths are core's (core/api/routes.ts), the
 * ones the Excel task pane and the Sheets add-on call.
 */
export const ROUTES: readonly RouteEntry[] = [
  {
    method: 'POST',
    path: jobsPath('invoice-batches'),
    handle: async (d, t, r) => json(201, await createInvoiceBatch(d, t, parseBody(r))),
  },
  { method: 'GET', path: jobPattern('invoice-batches'), handle: async (d, t, _r, id) => json(200, await invoiceBatchStatus(d, t, id)) },
  { method: 'GET', path: INVOICE_SEARCH_PATH, handle: async (d, t, r) => json(200, await searchInvoices(d.store, t, r.query)) },
  ...runRoutes('reconcile-jobs'),
  ...runRoutes('payroll-runs'),
  ...runRoutes('year-end-runs'),
];

function match(pattern: string, path: string): string | undefined | false {
  const a = pattern.split('/');
  const b = path.replace(/\/+$/, '').split('/');
  if (a.length !== b.length) return false;
  let id: string | undefined;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === ID_SEGMENT) {
      // A malformed escape (%E0%A4%A) is no id of ours: no route, not a server error.
      try {
        id = decodeURIComponent(b[i] ?? '');
      } catch {
        return false;
      }
    } else if (a[i] !== b[i]) return false;
  }
  return id;
}

/**
 * Answers one authenticated request; every error becomes an HTTP answer in `toResponse`.
 * @example await handleApi(deps, 'acme', { method: 'GET', path: '/v1/invoices', query: { from: '2026-05-01' }, body: undefined })
 */
export function handleApi(deps: ApiDeps, tenant: string, req: ApiRequest): Promise<ApiResponse> {
  const correlation = req.requestId ?? correlationId() ?? randomUUID();
  return withLogKeys({ correlation_id: correlation, tenant }, async () => {
    const response = await route(deps, tenant, req);
    // The path and tenant only: query strings and bodies may hold customer data.
    logger.info('api', { method: req.method, path: req.path, status: response.status });
    return response;
  });
}

async function route(deps: ApiDeps, tenant: string, req: ApiRequest): Promise<ApiResponse> {
  // Before any work: a tenant over its rate costs no store or queue request.
  const wait = deps.throttle?.take(tenant);
  if (wait !== undefined) return tooManyRequests(wait);
  try {
    let pathKnown = false;
    for (const route of ROUTES) {
      const id = match(route.path, req.path);
      if (id === false) continue;
      pathKnown = true;
      if (route.method === req.method.toUpperCase()) return await route.handle(deps, tenant, req, id ?? '');
    }
    if (pathKnown) throw new ApiError(405, 'method_not_allowed', 'このメソッドは使えません', 'method not allowed');
    throw new ApiError(404, 'not_found', '見つかりません', 'not found');
  } catch (e) {
    return toResponse(e);
  }
}
