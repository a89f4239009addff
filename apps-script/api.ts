/**
 * Calls to the Urakata API (design §3.3) from Apps Script: JSON routes with the tenant key, uploads
 * to and downloads from presigned storage URLs (which carry their own signature: the key is never
 * sent there), and the `errors.csv` every job writes. What is sent and how each answer is read is
 * core's (core/api), as in the Excel task pane; this file is UrlFetchApp.
 */
import { apiAnswer, apiRequest, checkDownload, checkUpload, UPLOAD_CONTENT_TYPE } from '../core/api/client.js';
import { type ErrorsCsvRow, readErrorsCsv } from '../core/csv/errors-csv.js';
import { gas } from './gas.js';
import { apiSettings } from './settings.js';

/** A row of a job's errors.csv. */
export type RejectedRow = ErrorsCsvRow;

/** @example apiCall('POST', '/v1/invoice-batches', { size: 2048, issuer, pint: false }) // → { batchId, uploadUrl, … } */
export function apiCall(method: 'GET' | 'POST', path: string, body?: unknown): Record<string, unknown> {
  const request = apiRequest(apiSettings(), method, path, body);
  const response = gas().UrlFetchApp.fetch(request.url, {
    method: request.method === 'POST' ? 'post' : 'get',
    headers: { ...request.headers },
    ...(request.contentType ? { contentType: request.contentType } : {}),
    ...(request.body !== undefined ? { payload: request.body } : {}),
    muteHttpExceptions: true,
  });
  return apiAnswer(response.getResponseCode(), response.getContentText());
}

/** PUTs UTF-8 CSV to a presigned upload URL. */
export function uploadCsv(url: string, csv: string): void {
  const put = gas().UrlFetchApp.fetch(url, { method: 'put', contentType: UPLOAD_CONTENT_TYPE, payload: csv, muteHttpExceptions: true });
  checkUpload(put.getResponseCode());
}

/** Text of a presigned download URL. */
export function downloadText(url: string): string {
  const response = gas().UrlFetchApp.fetch(url, { method: 'get', muteHttpExceptions: true });
  checkDownload(response.getResponseCode());
  return response.getContentText();
}

/** A job's errors.csv (`file, row, column, value, message`) as records for the sidebar. */
export function rejectedRows(url: string): RejectedRow[] {
  return readErrorsCsv(downloadText(url));
}
