/**
 * 消込 of a very large statement through the API (`POST /v1/reconcile-jobs`): the ranges go up as
 * CSV, Lambda runs the same core as `urakata reconcile`, and its reconcile.csv comes back to be
 * written to 「消込結果」 in chunks like a local run. Apps Script then only moves data, never
 * matches, so no statement is too large for its 6-minute executions.
 */
import { ApiClientError } from '../core/api/errors.js';
import { createdJob, utf8Length } from '../core/api/client.js';
import { readJobStatus } from '../core/api/job-status.js';
import { jobPath, jobsPath } from '../core/api/routes.js';
import { parseCsv } from '../core/csv/parse.js';
import type { Matrix } from '../core/sheet-functions/cells.js';
import { apiCall, downloadText, type RejectedRow, rejectedRows, uploadCsv } from './api.js';
import { matrixToCsvText } from '../core/sheet-functions/cells.js';
import { gas } from './gas.js';
import { KINDS } from './jobs.js';
import { readRange } from './sheet-io.js';
import { beginJob, DEFAULT_BUDGET_MS, type JobView } from './table-job.js';

const PENDING = 'urakata.api.reconcile';

export interface ApiReconcileStatus {
  readonly jobId: string;
  /** The API's state (core's reading of the status). */
  readonly state: string;
  readonly done: boolean;
  readonly reasons: readonly string[];
  readonly rejected: readonly RejectedRow[];
  /** Once the API is done: the result-sheet job, written on with uraJobStep('reconcile'). */
  readonly job: JobView | null;
}

/**
 * Sends the two ranges to the API as CSV.
 * @example uraReconcileApiStart("'入金明細'!A1:E200001", "'請求残高'!A1:J90001") // → { jobId: '…', lines: 200000 }
 */
export function uraReconcileApiStart(bankA1: unknown, openA1: unknown): { jobId: string; lines: number } {
  const ranges = [String(bankA1 ?? ''), String(openA1 ?? '')];
  if (ranges.some((r) => !r)) throw new Error('範囲を選んでください: 入金明細、請求残高 / pick the ranges first');
  const bank = matrixToCsvText(readRange(ranges[0] ?? '', '入金明細'));
  const open = matrixToCsvText(readRange(ranges[1] ?? '', '請求残高'));
  const answer = apiCall('POST', jobsPath('reconcile-jobs'), { files: { bank: utf8Length(bank), open_items: utf8Length(open) } });
  const created = createdJob(answer, ['bank', 'open_items']);
  uploadCsv(created.uploadUrls.bank, bank);
  uploadCsv(created.uploadUrls.open_items, open);
  gas()
    .PropertiesService.getDocumentProperties()
    .setProperty(PENDING, JSON.stringify({ jobId: created.jobId, ranges }));
  return { jobId: created.jobId, lines: bank.split('\n').length - 1 };
}

/** reconcile.csv back into cells: numbers as numbers (codes with a leading zero stay text). */
function resultTable(csv: string): Matrix {
  return parseCsv(csv).records.map((r) => r.fields.map((f) => (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(f) ? Number(f) : f)));
}

/**
 * Polls the API job; when it is done, starts writing its result to 「消込結果」.
 * @example uraReconcileApiStatus('2f0c…') // → { state: 'done', done: true, job: { written: 5000, total: 200001, … } }
 */
export function uraReconcileApiStatus(jobId: unknown, budgetMs?: unknown): ApiReconcileStatus {
  const started = Date.now();
  const path = jobPath('reconcile-jobs', jobId);
  const s = readJobStatus(apiCall('GET', path));
  const base = { jobId: String(jobId), state: s.state, done: s.done, reasons: s.reasons, rejected: [], job: null };
  if (s.state === 'failed') {
    forgetPending();
    return { ...base, rejected: s.errorsUrl ? rejectedRows(s.errorsUrl) : [] };
  }
  if (s.state !== 'done') return base;
  if (!s.resultUrl) throw new ApiClientError('APIの応答に resultUrl がありません', 'the API answer lacks resultUrl');
  const pending = JSON.parse(gas().PropertiesService.getDocumentProperties().getProperty(PENDING) ?? '{}') as { ranges?: string[] };
  const budget = typeof budgetMs === 'number' && budgetMs >= 0 ? Math.min(budgetMs, DEFAULT_BUDGET_MS) : DEFAULT_BUDGET_MS;
  const table = resultTable(downloadText(s.resultUrl));
  const job = beginJob('reconcile', KINDS.reconcile, table, pending.ranges ?? [], {}, started, budget);
  forgetPending();
  return { ...base, job };
}

/** A job sent to the API whose result has not been written yet, for the sidebar to keep polling. */
export function uraReconcileApiPending(): { jobId: string } | null {
  const raw = gas().PropertiesService.getDocumentProperties().getProperty(PENDING);
  const pending = raw ? (JSON.parse(raw) as { jobId?: string }) : {};
  return pending.jobId ? { jobId: pending.jobId } : null;
}

function forgetPending(): void {
  gas().PropertiesService.getDocumentProperties().deleteProperty(PENDING);
}
