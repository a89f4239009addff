/**
 * 消込 of a very large statement through the API (`POST /v1/reconcile-jobs`): the ranges go up as
 * CSV, Lambda runs the same core as `urakata reconcile`, and its reconcile.csv comes back to be
 * written to 「消込結果」 in chunks like a local run. Apps Script then only moves data, never
 * matches, so no statement is too large for its 6-minute executions.
 */
import { parseCsv } from '../core/csv/parse.js';
import type { Matrix } from '../core/sheet-functions/cells.js';
import { apiCall, checkedId, downloadText, type RejectedRow, reasonsOf, rejectedRows, uploadCsv, utf8Length } from './api.js';
import { matrixToCsvText } from '../core/sheet-functions/cells.js';
import { gas } from './gas.js';
import { KINDS } from './jobs.js';
import { readRange } from './sheet-io.js';
import { beginJob, DEFAULT_BUDGET_MS, type JobView } from './table-job.js';

const PENDING = 'urakata.api.reconcile';

export interface ApiReconcileStatus {
  readonly jobId: string;
  readonly status: string;
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
  const created = apiCall('/v1/reconcile-jobs', {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify({ files: { bank: utf8Length(bank), open_items: utf8Length(open) } }),
  });
  const urls = created.uploadUrls as { bank?: unknown; open_items?: unknown } | undefined;
  if (typeof created.jobId !== 'string' || typeof urls?.bank !== 'string' || typeof urls.open_items !== 'string') {
    throw new Error('APIの応答に jobId / uploadUrls がありません / the API answer lacks jobId or uploadUrls');
  }
  uploadCsv(urls.bank, bank);
  uploadCsv(urls.open_items, open);
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
 * @example uraReconcileApiStatus('2f0c…') // → { status: 'done', done: true, job: { written: 5000, total: 200001, … } }
 */
export function uraReconcileApiStatus(jobId: unknown, budgetMs?: unknown): ApiReconcileStatus {
  const started = Date.now();
  const id = checkedId(jobId);
  const s = apiCall(`/v1/reconcile-jobs/${id}`, { method: 'get' });
  const status = typeof s.state === 'string' ? s.state : 'unknown';
  const base = { jobId: id, status, done: status === 'done' || status === 'failed', reasons: reasonsOf(s), rejected: [], job: null };
  if (status === 'failed') {
    forgetPending();
    return { ...base, rejected: typeof s.errorsUrl === 'string' ? rejectedRows(s.errorsUrl) : [] };
  }
  if (status !== 'done') return base;
  if (typeof s.resultUrl !== 'string') throw new Error('APIの応答に resultUrl がありません / the API answer lacks resultUrl');
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
