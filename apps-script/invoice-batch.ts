/**
 * 請求書の一括発行 through the API (design §3.3): the selected rows become a CSV, the API gives a
 * batch id and a presigned upload URL, the CSV is PUT there, and the sidebar polls the batch.
 * PDFs are never rendered in Apps Script: the renderer (pdfkit, fonts) is far too heavy for a
 * 6-minute execution and would bloat Code.js for every custom-function call.
 */
import { createdBatch, invoiceBatchBody } from '../core/api/client.js';
import { type JobStatusView, readJobStatus } from '../core/api/job-status.js';
import { jobPath, jobsPath } from '../core/api/routes.js';
import { INVOICE_LINE_COLUMNS } from '../core/invoice/input.js';
import { rangeStart } from '../core/xlsx/cells.js';
import { type SheetLines, sheetLines } from '../core/sheet-functions/sheet-lines.js';
import { apiCall, type RejectedRow, rejectedRows, uploadCsv } from './api.js';
import { gas } from './gas.js';
import { objectFromPairs, readRange } from './sheet-io.js';

/** The batch made, and what was sent: the rows, and the sheet row of each CSV line (for its errors). */
export interface BatchCreated extends Pick<SheetLines, 'sheet' | 'lineRows'> {
  readonly batchId: string;
  readonly rows: number;
}

/** The batch's status as core reads it, its id, and once it has ended the rows of its errors.csv. */
export interface BatchStatus extends JobStatusView {
  readonly batchId: string;
  readonly rejected: readonly RejectedRow[];
}

/**
 * The invoice lines to send, by core's rule for both add-ons (sheetLines): the header is the
 * selection's first row when it names the columns, else the sheet's row 1 over the selected
 * columns; rows with nothing in them are not sent; each CSV line keeps its sheet row for the
 * problems found in it.
 */
export function invoiceLines(a1: string): SheetLines {
  const range = gas().SpreadsheetApp.getActiveSpreadsheet().getRange(a1);
  const values = readRange(a1, '請求明細');
  const sheet = range.getSheet();
  const { row, column } = rangeStart(range.getA1Notation());
  const topRow = row > 1 ? sheet.getRange(1, column, 1, range.getNumColumns()).getValues()[0] : undefined;
  return sheetLines({ sheet: sheet.getName(), values, firstRow: row, topRow }, INVOICE_LINE_COLUMNS, {
    ja: '請求明細',
    en: 'invoice lines',
  });
}

/**
 * Creates a batch (`POST /v1/invoice-batches` with the upload's size and the issuer) and uploads
 * the selected rows as UTF-8 CSV, header first, to the presigned URL.
 * @example uraInvoiceBatchSend("'請求明細'!A2:K120", "'発行者'!A1:B12") // → { batchId: '0b5c3f9e-…', rows: 119, sheet: '請求明細', lineRows: [[1, 1], [2, 2], …] }
 */
export function uraInvoiceBatchSend(linesA1: unknown, issuerA1: unknown): BatchCreated {
  const lines = invoiceLines(String(linesA1));
  const issuer = objectFromPairs(readRange(String(issuerA1 ?? ''), '発行者'), '発行者', 'issuer');
  const created = createdBatch(apiCall('POST', jobsPath('invoice-batches'), invoiceBatchBody(lines.csv, issuer)));
  uploadCsv(created.uploadUrl, lines.csv);
  return { batchId: created.batchId, rows: lines.rows, sheet: lines.sheet, lineRows: lines.lineRows };
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
