/**
 * The HTTP API's paths (design §3.3), one list for the router (functions/api.ts, whose ROUTES the
 * CDK stack builds API Gateway from) and for its clients (the Excel task pane, the Sheets add-on),
 * and the ids the API issues for its jobs, checked the same way where they are made, where they
 * are looked up and before a client puts one into a path.
 */
import { ApiClientError } from './errors.js';

/** The four kinds of job the API runs: each is `POST /v1/{kind}` and `GET /v1/{kind}/{id}`. */
export const JOB_KINDS = ['invoice-batches', 'reconcile-jobs', 'payroll-runs', 'year-end-runs'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/** 電帳法 search over the issued invoices: `GET /v1/invoices?from&to&min&max&counterparty`. */
export const INVOICE_SEARCH_PATH = '/v1/invoices';

/** The one path segment a route pattern takes as the id. */
export const ID_SEGMENT = '{id}';

/**
 * The path that creates a job of a kind.
 * @example jobsPath('invoice-batches') // '/v1/invoice-batches'
 */
export const jobsPath = (kind: JobKind): string => `/v1/${kind}`;

/**
 * The route pattern of one job's status.
 * @example jobPattern('reconcile-jobs') // '/v1/reconcile-jobs/{id}'
 */
export const jobPattern = (kind: JobKind): string => `${jobsPath(kind)}/${ID_SEGMENT}`;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const JOB_ID = new RegExp(`^${UUID}$`);
/** A year-end run's id starts with its 年分, which names its folder: `2026-{uuid}`. */
export const YEAR_END_RUN_ID = new RegExp(`^(\\d{4})-${UUID}$`);

/**
 * Whether `id` is an id of that kind of job as the API issues them: a UUID, a year-end run's
 * with its year first.
 * @example isJobId('0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d5e', 'invoice-batches') // true
 * @example isJobId('../tenants', 'invoice-batches') // false
 */
export const isJobId = (id: string, kind?: JobKind): boolean => (kind === 'year-end-runs' ? YEAR_END_RUN_ID : JOB_ID).test(id);

/**
 * The path of one job's status, for a client; an id the API does not issue (one that could
 * change the path, `../tenants`) is refused before any call.
 * @example jobPath('invoice-batches', '0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d5e') // '/v1/invoice-batches/0b5c3f9e-5d7a-4c1e-9f00-6a1d2b3c4d5e'
 */
export function jobPath(kind: JobKind, id: unknown): string {
  const s = String(id);
  if (!isJobId(s, kind)) throw new ApiClientError('ジョブIDが正しくありません', 'bad job id');
  return `${jobsPath(kind)}/${s}`;
}
