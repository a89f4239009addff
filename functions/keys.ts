/**
 * Where everything lives in the bucket (DESIGN §3.4). Every key a request can reach is built here
 * from the authenticated tenant id, never from user input alone: a tenant can only ever name keys
 * under its own prefixes.
 *
 * Uploads sit under a top-level `incoming/` (not under `tenants/`) because S3 lifecycle rules and
 * event notifications filter by key prefix only: one rule expires every tenant's raw uploads and
 * one notification starts every batch.
 */
import { invoiceFileName } from '../core/invoice/input.js';
import { randomUUID } from 'node:crypto';
import { isJobId, JOB_KINDS, type JobKind, YEAR_END_RUN_ID } from '../core/api/routes.js';

/** The kinds of job and their ids are the API's, one definition for the router, the store and the clients (core/api). */
export { isJobId, type JobKind };

const TENANT = /^[a-z0-9][a-z0-9-]{1,39}$/;

export const isTenantId = (id: string): boolean => TENANT.test(id);
export const newJobId = (): string => randomUUID();
/** @example newYearEndRunId(2026) // '2026-3f1c…' */
export const newYearEndRunId = (year: number): string => `${String(year).padStart(4, '0')}-${randomUUID()}`;

export const INCOMING = 'incoming/';
export const CREDENTIALS = 'system/credentials/';
export const SCHEDULES = 'system/payroll-schedules/';

export const tenantPrefix = (tenant: string): string => `tenants/${tenant}/`;

/** `incoming/{tenant}/{kind}/{id}/{file}` — the only keys a presigned upload URL is issued for. */
export const incomingKey = (tenant: string, kind: JobKind, id: string, file: string): string =>
  `${INCOMING}${tenant}/${kind}/${id}/${file}`;

const INCOMING_KEY = new RegExp(`^incoming/([^/]+)/(${JOB_KINDS.join('|')})/([^/]+)/([^/]+)$`);

/** The parts of an upload key, or undefined for anything else (events for unknown keys are ignored). */
export function parseIncomingKey(key: string): { tenant: string; kind: JobKind; id: string; file: string } | undefined {
  const m = INCOMING_KEY.exec(key);
  if (!m || !isTenantId(m[1] ?? '') || !isJobId(m[3] ?? '', m[2] as JobKind)) return undefined;
  return { tenant: m[1] as string, kind: m[2] as JobKind, id: m[3] as string, file: m[4] as string };
}

/**
 * `tenants/{tenant}/{kind}/{id}/{file}`: status, results and working files of one job; a year-end
 * run's are under its year, `tenants/{tenant}/year-end/{yyyy}/{id}/{file}`, where the schedule
 * looks for the year's runs.
 */
export function jobKey(tenant: string, kind: JobKind, id: string, file: string): string {
  if (kind !== 'year-end-runs') return `${tenantPrefix(tenant)}${kind}/${id}/${file}`;
  const year = YEAR_END_RUN_ID.exec(id)?.[1];
  if (year === undefined) throw new Error('not a year-end run id');
  return `${yearEndPrefix(tenant, Number(year))}${id}/${file}`;
}

/** `tenants/{tenant}/year-end/{yyyy}/`: the year-end runs of one year. */
export const yearEndPrefix = (tenant: string, year: number): string => `${tenantPrefix(tenant)}year-end/${String(year).padStart(4, '0')}/`;

/**
 * A key under the tenant's `payroll/` (its payroll inputs and kept outputs, which a schedule and a
 * year-end run may name): plain segments, no `.` or `..`, no backslash or control character.
 * @example isPayrollInputKey('payroll/inputs/employees.csv') // true
 * @example isPayrollInputKey('payroll/../../other/payroll.csv') // false
 */
export function isPayrollInputKey(key: string): boolean {
  return PAYROLL_INPUT.test(key) && !key.split('/').some((s) => s === '.' || s === '..');
}
const PAYROLL_INPUT = /^payroll(?:\/[^/\\\p{Cc}]+)+$/u;

/** `tenants/{tenant}/payroll-runs/`: every payroll run of the tenant, by id. */
export const payrollRunsPrefix = (tenant: string): string => `${tenantPrefix(tenant)}payroll-runs/`;

/** Issued invoices: `tenants/{tenant}/invoices/{yyyy}/{mm}/{invoiceNo}.pdf`, written once. */
export const invoiceKey = (tenant: string, issueDate: string, invoiceNo: string, ext: 'pdf' | 'xml'): string =>
  `${tenantPrefix(tenant)}invoices/${issueDate.slice(0, 4)}/${issueDate.slice(5, 7)}/${invoiceFileName(invoiceNo, ext)}`;

/**
 * `tenants/{tenant}/invoice-numbers/{invoiceNo}`: one per invoice number ever issued, whatever its
 * date — the PDF key holds the month, so without it one number could be issued in two months.
 */
export const invoiceNumberKey = (tenant: string, invoiceNo: string): string => `${tenantPrefix(tenant)}invoice-numbers/${invoiceNo}`;

export const invoiceIndexPrefix = (tenant: string): string => `${tenantPrefix(tenant)}index/invoices/`;
