/**
 * The invoice batch API of design §3.3 as the taskpane calls it: create a batch, PUT the CSV to
 * the presigned URL, poll the status, read the rejected rows from errors.csv.
 */
import { type ErrorsCsvRow, readErrorsCsv } from '../../core/csv/errors-csv.js';
import type { Settings } from './settings.js';

export type Fetch = (url: string, init?: RequestInit) => Promise<Response>;

export interface BatchStatus {
  readonly status: string;
  readonly done: boolean;
  readonly counts: Readonly<Record<string, number>>;
  readonly zipUrl: string;
  readonly errorsUrl: string;
  /** Share of the work done, 0–1, while running. */
  readonly progress: number;
}

/** A row of the batch's errors.csv. */
export type RejectedRow = ErrorsCsvRow;

async function call(fetcher: Fetch, settings: Settings, path: string, init: RequestInit = {}): Promise<Record<string, unknown>> {
  if (!settings.apiEndpoint || !settings.apiKey) throw new Error('API の接続先とキーを設定してください / set the API endpoint and key');
  const response = await fetcher(`${settings.apiEndpoint}${path}`, {
    ...init,
    headers: {
      ...(init.headers as Record<string, string>),
      Authorization: `Bearer ${settings.apiKey}`,
      'Content-Type': 'application/json',
    },
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`API ${response.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/**
 * Creates a batch and uploads the CSV (header first). The presigned URL carries its own
 * signature, so the API key is not sent to the store.
 * @example await sendBatch(fetch, settings, csvText) // 'b-7f3c…'
 */
export async function sendBatch(fetcher: Fetch, settings: Settings, csv: string): Promise<string> {
  const body = new TextEncoder().encode(csv);
  // The exact byte length is signed into the upload URL; the issuer is checked before any upload.
  const request = { size: body.byteLength, issuer: { ...settings.issuer, rounding: settings.rounding }, pint: false };
  const created = await call(fetcher, settings, '/v1/invoice-batches', { method: 'POST', body: JSON.stringify(request) });
  if (typeof created.batchId !== 'string' || typeof created.uploadUrl !== 'string') {
    throw new Error('APIの応答に batchId / uploadUrl がありません / the API answer lacks batchId or uploadUrl');
  }
  const put = await fetcher(created.uploadUrl, { method: 'PUT', headers: { 'Content-Type': 'text/csv; charset=utf-8' }, body });
  if (!put.ok) throw new Error(`アップロードに失敗しました (${put.status}) / upload failed`);
  return created.batchId;
}

/**
 * The batch's state.
 * @example (await batchStatus(fetch, settings, 'b-7f3c')).done // true
 */
export async function batchStatus(fetcher: Fetch, settings: Settings, batchId: string): Promise<BatchStatus> {
  const s = await call(fetcher, settings, `/v1/invoice-batches/${encodeURIComponent(batchId)}`);
  const state = s.state ?? s.status;
  const status = typeof state === 'string' ? state : 'unknown';
  const p = s.progress as { chunks?: unknown; chunks_done?: unknown } | undefined;
  const share = p && typeof p.chunks === 'number' && typeof p.chunks_done === 'number' && p.chunks > 0 ? p.chunks_done / p.chunks : 0;
  const counts: Record<string, number> = {};
  if (s.counts && typeof s.counts === 'object') {
    for (const [k, v] of Object.entries(s.counts)) if (typeof v === 'number') counts[k] = v;
  }
  return {
    status,
    done: status === 'done' || status === 'failed',
    counts,
    zipUrl: typeof s.zipUrl === 'string' ? s.zipUrl : '',
    errorsUrl: typeof s.errorsUrl === 'string' ? s.errorsUrl : '',
    progress: status === 'done' ? 1 : share,
  };
}

/**
 * The batch's errors.csv as records (none when it cannot be fetched).
 * @example (await rejectedRows(fetch, status.errorsUrl))[0]?.message
 */
export async function rejectedRows(fetcher: Fetch, url: string): Promise<RejectedRow[]> {
  const response = await fetcher(url);
  return response.ok ? readErrorsCsv(await response.text()) : [];
}
