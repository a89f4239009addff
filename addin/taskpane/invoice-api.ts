/**
 * The invoice batch API of design §3.3 as the taskpane calls it: create a batch, PUT the CSV to
 * the presigned URL, poll the status, read the rejected rows from errors.csv. What is sent and how
 * each answer is read is core's (core/api), as in the Sheets add-on; this file is the fetch.
 */
import {
  type ApiRequest,
  apiAnswer,
  apiRequest,
  checkDownload,
  checkUpload,
  createdBatch,
  invoiceBatchBody,
  UPLOAD_CONTENT_TYPE,
} from '../../core/api/client.js';
import { type JobStatusView, readJobStatus } from '../../core/api/job-status.js';
import { jobPath, jobsPath } from '../../core/api/routes.js';
import { type ErrorsCsvRow, readErrorsCsv } from '../../core/csv/errors-csv.js';
import type { Settings } from './settings.js';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export type BatchStatus = JobStatusView;

/** A row of the batch's errors.csv. */
export type RejectedRow = ErrorsCsvRow;

async function call(
  fetcher: Fetch,
  settings: Settings,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const request: ApiRequest = apiRequest({ endpoint: settings.apiEndpoint, key: settings.apiKey }, method, path, body);
  const response = await fetcher(request.url, {
    method: request.method,
    headers: { ...request.headers, ...(request.contentType ? { 'Content-Type': request.contentType } : {}) },
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  return apiAnswer(response.status, await response.text());
}

/**
 * Creates a batch and uploads the CSV (header first). The presigned URL carries its own
 * signature, so the API key is not sent to the store.
 * @example await sendBatch(fetch, settings, csvText) // '0b5c3f9e-…'
 */
export async function sendBatch(fetcher: Fetch, settings: Settings, csv: string): Promise<string> {
  // The issuer is checked before any upload; the rounding is a setting of the pane, sent with it.
  const body = invoiceBatchBody(csv, { ...settings.issuer, rounding: settings.rounding });
  const created = createdBatch(await call(fetcher, settings, 'POST', jobsPath('invoice-batches'), body));
  const put = await fetcher(created.uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Type': UPLOAD_CONTENT_TYPE },
    body: new TextEncoder().encode(csv),
  });
  checkUpload(put.status);
  return created.batchId;
}

/**
 * The batch's state.
 * @example (await batchStatus(fetch, settings, '0b5c3f9e-…')).done // true
 */
export async function batchStatus(fetcher: Fetch, settings: Settings, batchId: string): Promise<BatchStatus> {
  return readJobStatus(await call(fetcher, settings, 'GET', jobPath('invoice-batches', batchId)));
}

/**
 * The batch's errors.csv as records; a download that fails is an error, not an empty list.
 * @example (await rejectedRows(fetch, status.errorsUrl))[0]?.message
 */
export async function rejectedRows(fetcher: Fetch, url: string): Promise<RejectedRow[]> {
  const response = await fetcher(url);
  checkDownload(response.status);
  return readErrorsCsv(await response.text());
}
