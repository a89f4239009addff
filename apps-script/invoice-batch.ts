/**
 * 請求書の一括発行 through the API (DESIGN §3.3): the selected rows become a CSV, the API gives a
 * batch id and a presigned upload URL, the CSV is PUT there, and the sidebar polls the batch.
 * PDFs are never rendered in Apps Script: the renderer (pdfkit, fonts) is far too heavy for a
 * 6-minute execution and would bloat Code.js for every custom-function call.
 */
import { matrixToCsvText, type Matrix } from '../core/functions/cells.js';
import { parseCsv } from '../core/csv/parse.js';
import { gas, type FetchOptions } from './gas.js';
import { objectFromPairs, readRange } from './sheet-io.js';
import { apiSettings } from './settings.js';

export interface BatchCreated {
  readonly batchId: string;
  readonly rows: number;
}

export interface RejectedRow {
  readonly row: string;
  readonly column: string;
  readonly value: string;
  readonly message: string;
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

function call(path: string, options: FetchOptions): unknown {
  const { endpoint, key } = apiSettings();
  const response = gas().UrlFetchApp.fetch(`${endpoint}${path}`, {
    ...options,
    headers: { ...options.headers, Authorization: `Bearer ${key}` },
    muteHttpExceptions: true,
  });
  const code = response.getResponseCode();
  const text = response.getContentText();
  if (code === 401 || code === 403) throw new Error(`APIキーが拒否されました (${code}) / the API rejected the key`);
  if (code < 200 || code >= 300) throw new Error(`APIエラー ${code} / API error ${code}: ${text.slice(0, 300)}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new Error(`APIの応答がJSONではありません / the API answered with non-JSON: ${text.slice(0, 100)}`);
  }
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

/** Bytes of the text in UTF-8, as UrlFetchApp sends it: the API signs this length into the upload URL. */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
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
  const created = call('/v1/invoice-batches', {
    method: 'post',
    contentType: 'application/json',
    payload: JSON.stringify({ size: utf8Length(csv), issuer }),
  }) as { batchId?: unknown; uploadUrl?: unknown };
  if (typeof created.batchId !== 'string' || typeof created.uploadUrl !== 'string') {
    throw new Error('APIの応答に batchId / uploadUrl がありません / the API answer lacks batchId or uploadUrl');
  }
  // The presigned URL carries its own signature: sending the tenant key to S3 would leak it.
  const put = gas().UrlFetchApp.fetch(created.uploadUrl, {
    method: 'put',
    contentType: 'text/csv; charset=utf-8',
    payload: csv,
    muteHttpExceptions: true,
  });
  if (put.getResponseCode() >= 300) {
    throw new Error(`アップロードに失敗しました (${put.getResponseCode()}) / upload failed`);
  }
  return { batchId: created.batchId, rows: lines.length - 1 };
}

/**
 * The batch's state; once it has finished, the rejected rows from its errors.csv.
 * @example uraInvoiceBatchStatus('b-7f3c') // → { status: 'done', done: true, zipUrl: 'https://…', rejected: [...] }
 */
export function uraInvoiceBatchStatus(batchId: unknown): BatchStatus {
  const id = String(batchId);
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new Error('バッチIDが正しくありません / bad batch id');
  const s = call(`/v1/invoice-batches/${id}`, { method: 'get' }) as Record<string, unknown>;
  const status = typeof s.state === 'string' ? s.state : 'unknown';
  const done = status === 'done' || status === 'failed';
  const errorsUrl = typeof s.errorsUrl === 'string' ? s.errorsUrl : '';
  const counts: Record<string, number> = {};
  if (s.counts && typeof s.counts === 'object') {
    for (const [k, v] of Object.entries(s.counts)) if (typeof v === 'number') counts[k] = v;
  }
  const reasons = Array.isArray(s.reasons)
    ? s.reasons.map((r: { message_ja?: unknown; message_en?: unknown }) => `${String(r.message_ja ?? '')} / ${String(r.message_en ?? '')}`)
    : [];
  return {
    batchId: id,
    status,
    done,
    counts,
    zipUrl: typeof s.zipUrl === 'string' ? s.zipUrl : '',
    errorsUrl,
    reasons,
    rejected: done && errorsUrl ? rejectedRows(errorsUrl) : [],
  };
}

/** errors.csv (`row, column, value, message`, issue 5) read into records for the sidebar table. */
function rejectedRows(url: string): RejectedRow[] {
  const response = gas().UrlFetchApp.fetch(url, { method: 'get', muteHttpExceptions: true });
  if (response.getResponseCode() >= 300) return [];
  const { records } = parseCsv(response.getContentText());
  const [header, ...rows] = records.map((r) => r.fields);
  if (!header) return [];
  const at = (name: string) => header.indexOf(name);
  const pick = (row: readonly string[], name: string) => (at(name) >= 0 ? (row[at(name)] ?? '') : '');
  return rows.map((r) => ({ row: pick(r, 'row'), column: pick(r, 'column'), value: pick(r, 'value'), message: pick(r, 'message') }));
}
