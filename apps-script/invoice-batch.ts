/**
 * 請求書の一括発行 through the API (design §3.3): the selected rows become a CSV, the API gives a
 * batch id and a presigned upload URL, the CSV is PUT there, and the sidebar polls the batch.
 * PDFs are never rendered in Apps Script: the renderer (pdfkit, fonts) is far too heavy for a
 * 6-minute execution and would bloat Code.js for every custom-function call.
 */
import { matrixToCsvText, type Matrix } from '../core/sheet-functions/cells.js';
import { apiCall, checkedId, type RejectedRow, reasonsOf, rejectedRows, uploadCsv, utf8Length } from './api.js';
import { gas } from './gas.js';
import { objectFromPairs, readRange } from './sheet-io.js';

export interface BatchCreated {
  readonly batchId: string;
  readonly rows: number;
}

export interface BatchStatus {
  readonly batchId: string;
  /** The API's state: awaiting_upload, running, done or failed. */
  readonly status: string;
  readonly done: boolean;
  readonly counts: Readonly<Record<string, number>>;
  readonly zipUrl: string;
  readonly errorsUrl: string;
  /** Why a failed batch failed (ja / en), from the API. */
  readonly reasons: readonly string[];
  readonly rejected: readonly RejectedRow[];
}

/**
 * The invoice lines to send: the header row is the sheet's row 1 over the selected columns, so the
 * user may select data rows only (or include the header: it is not sent twice).
 */
export function invoiceLines(a1: string): Matrix {
  const book = gas().SpreadsheetApp.getActiveSpreadsheet();
  const range = book.getRange(a1);
  const values = readRange(a1, '請求明細');
  const sheet = range.getSheet();
  const header = sheet.getRange(1, columnOf(range.getA1Notation()), 1, range.getNumColumns()).getValues()[0] ?? [];
  const startsAtHeader = /^[A-Z]+1(?::|$)/.test(range.getA1Notation());
  const body = (startsAtHeader ? values.slice(1) : values).filter((row) => row.some((c) => c !== '' && c !== null));
  if (body.length === 0) throw new Error('請求明細の行を選択してください / select the invoice rows to send');
  return [header, ...body];
}

/** Column number of the first cell of an A1 range ("C5:H9" → 3). */
export function columnOf(a1: string): number {
  const letters = /^\$?([A-Z]+)/.exec(a1.replace(/^.*!/, ''))?.[1] ?? 'A';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Creates a batch (`POST /v1/invoice-batches` with the upload's size and the issuer) and uploads
 * the selected rows as UTF-8 CSV, header first, to the presigned URL.
 * @example uraInvoiceBatchSend("'請求明細'!A2:K120", "'発行者'!A1:B12") // → { batchId: 'b-7f3c…', rows: 119 }
 */
export function uraInvoiceBatchSend(linesA1: unknown, issuerA1: unknown): BatchCreated {
  const lines = invoiceLines(String(linesA1));
  const issuer = objectFromPairs(readRange(String(issuerA1 ?? ''), '発行者'), '発行者', 'issuer');
  const csv = matrixToCsvText(lines);
  const created = apiCall('/v1/invoice-batches', {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify({ size: utf8Length(csv), issuer }),
  });
  if (typeof created.batchId !== 'string' || typeof created.uploadUrl !== 'string') {
    throw new Error('APIの応答に batchId / uploadUrl がありません / the API answer lacks batchId or uploadUrl');
  }
  uploadCsv(created.uploadUrl, csv);
  return { batchId: created.batchId, rows: lines.length - 1 };
}

/**
 * The batch's state; once it has finished, the rejected rows from its errors.csv.
 * @example uraInvoiceBatchStatus('b-7f3c') // → { status: 'done', done: true, zipUrl: 'https://…', rejected: [...] }
 */
export function uraInvoiceBatchStatus(batchId: unknown): BatchStatus {
  const id = checkedId(batchId);
  const s = apiCall(`/v1/invoice-batches/${id}`, { method: 'get' });
  const status = typeof s.state === 'string' ? s.state : 'unknown';
  const done = status === 'done' || status === 'failed';
  const errorsUrl = typeof s.errorsUrl === 'string' ? s.errorsUrl : '';
  const counts: Record<string, number> = {};
  if (s.counts && typeof s.counts === 'object') {
    for (const [k, v] of Object.entries(s.counts)) if (typeof v === 'number') counts[k] = v;
  }
  return {
    batchId: id,
    status,
    done,
    counts,
    zipUrl: typeof s.zipUrl === 'string' ? s.zipUrl : '',
    errorsUrl,
    reasons: reasonsOf(s),
    rejected: done && errorsUrl ? rejectedRows(errorsUrl) : [],
  };
}
