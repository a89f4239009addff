/**
 * 請求書の一括発行 through the API (design §3.3): the selected rows become a CSV, the API gives a
 * batch id and a presigned upload URL, the CSV is PUT there, and the sidebar polls the batch.
 * PDFs are never rendered in Apps Script: the renderer (pdfkit, fonts) is far too heavy for a
 * 6-minute execution and would bloat Code.js for every custom-function call.
 */
import { createdBatch, invoiceBatchBody } from '../core/api/client.js';
import { type JobStatusView, readJobStatus } from '../core/api/job-status.js';
import { jobPath, jobsPath } from '../core/api/routes.js';
import { matrixToCsvText, type Matrix } from '../core/sheet-functions/cells.js';
import { apiCall, type RejectedRow, rejectedRows, uploadCsv } from './api.js';
import { gas } from './gas.js';
import { objectFromPairs, readRange } from './sheet-io.js';

export interface BatchCreated {
  readonly batchId: string;
  readonly rows: number;
}

/** The batch's status as core reads it, its id, and once it has ended the rows of its errors.csv. */
export interface BatchStatus extends JobStatusView {
  readonly batchId: string;
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
 * @example uraInvoiceBatchSend("'請求明細'!A2:K120", "'発行者'!A1:B12") // → { batchId: '0b5c3f9e-…', rows: 119 }
 */
export function uraInvoiceBatchSend(linesA1: unknown, issuerA1: unknown): BatchCreated {
  const lines = invoiceLines(String(linesA1));
  const issuer = objectFromPairs(readRange(String(issuerA1 ?? ''), '発行者'), '発行者', 'issuer');
  const csv = matrixToCsvText(lines);
  const created = createdBatch(apiCall('POST', jobsPath('invoice-batches'), invoiceBatchBody(csv, issuer)));
  uploadCsv(created.uploadUrl, csv);
  return { batchId: created.batchId, rows: lines.length - 1 };
}

/**
 * The batch's state; once it has finished, the rejected rows from its errors.csv.
 * @example uraInvoiceBatchStatus('0b5c3f9e-…') // → { state: 'done', done: true, zipUrl: 'https://…', rejected: [...] }
 */
export function uraInvoiceBatchStatus(batchId: unknown): BatchStatus {
  const path = jobPath('invoice-batches', batchId);
  const status = readJobStatus(apiCall('GET', path));
  return {
    batchId: String(batchId),
    ...status,
    rejected: status.done && status.errorsUrl ? rejectedRows(status.errorsUrl) : [],
  };
}
