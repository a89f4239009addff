/**
 * Calls to the Urakata API (design §3.3) from Apps Script: JSON routes with the tenant key, uploads
 * to and downloads from presigned storage URLs (which carry their own signature: the key is never
 * sent there), and the `errors.csv` every job writes.
 */
import { type ErrorsCsvRow, readErrorsCsv } from '../core/csv/errors-csv.js';
import { type FetchOptions, gas } from './gas.js';
import { apiSettings } from './settings.js';

/** A row of a job's errors.csv. */
export type RejectedRow = ErrorsCsvRow;

/** @example apiCall('/v1/invoice-batches', { method: 'post', payload: '{…}' }) // → { batchId, uploadUrl, … } */
export function apiCall(path: string, options: FetchOptions): Record<string, unknown> {
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
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object') return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new Error(`APIの応答がJSONではありません / the API answered with non-JSON: ${text.slice(0, 100)}`);
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

/** PUTs UTF-8 CSV to a presigned upload URL. */
export function uploadCsv(url: string, csv: string): void {
  const put = gas().UrlFetchApp.fetch(url, {
    method: 'put',
    contentType: 'text/csv; charset=utf-8',
    payload: csv,
    muteHttpExceptions: true,
  });
  if (put.getResponseCode() >= 300) throw new Error(`アップロードに失敗しました (${put.getResponseCode()}) / upload failed`);
}

/** Text of a presigned download URL. */
export function downloadText(url: string): string {
  const response = gas().UrlFetchApp.fetch(url, { method: 'get', muteHttpExceptions: true });
  if (response.getResponseCode() >= 300) {
    throw new Error(`結果をダウンロードできません (${response.getResponseCode()}) / cannot download the result`);
  }
  return response.getContentText();
}

/** A job's errors.csv (`file, row, column, value, message`) as records for the sidebar table. */
export function rejectedRows(url: string): RejectedRow[] {
  return readErrorsCsv(downloadText(url));
}

/** The `reasons` of a failed job, one line each (ja / en). */
export function reasonsOf(status: Record<string, unknown>): string[] {
  return Array.isArray(status.reasons)
    ? status.reasons.map(
        (r: { message_ja?: unknown; message_en?: unknown }) => `${String(r.message_ja ?? '')} / ${String(r.message_en ?? '')}`,
      )
    : [];
}

/** Job and batch ids go into the API path: only what the API issues. */
export function checkedId(id: unknown): string {
  const s = String(id);
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(s)) throw new Error('ジョブIDが正しくありません / bad job id');
  return s;
}
