/**
 * A client of the HTTP API (design §3.3), as the Excel task pane and the Sheets add-on both are:
 * what a request carries, and how an answer is read — the status to a message, the JSON checked
 * for what the API sends. The hosts keep only their own fetch (`fetch`, `UrlFetchApp`).
 *
 * Uploads and downloads go to presigned storage URLs, which carry their own signature: the
 * tenant key is sent to the API only.
 */
import { type Problem, problemLine } from '../errors.js';
import { ApiClientError } from './errors.js';

/** Where the API is and the tenant's key, from the host's settings. */
export interface ApiConnection {
  readonly endpoint: string;
  readonly key: string;
}

/** One call to the API, for the host's fetch to make. */
export interface ApiRequest {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  /** The tenant key; the content type of a body is {@link ApiRequest.contentType}. */
  readonly headers: Readonly<Record<string, string>>;
  /** `application/json` when there is a body (the API refuses any other). */
  readonly contentType?: string;
  readonly body?: string;
}

/** The content type of a CSV PUT to a presigned upload URL. */
export const UPLOAD_CONTENT_TYPE = 'text/csv; charset=utf-8';

/**
 * Checks that the settings have an endpoint and a key, before a pane reads anything to send.
 * @example checkConnection({ endpoint: '', key: '' }) // throws '「設定」でAPIのURLとキーを登録してください / …'
 */
export function checkConnection(connection: ApiConnection): void {
  if (!connection.endpoint || !connection.key) {
    throw new ApiClientError('「設定」でAPIのURLとキーを登録してください', 'set the API endpoint and key under 設定 (Settings) first');
  }
}

/**
 * A request to the API with the tenant key; without an endpoint and a key, an error asking for
 * them before anything is sent.
 * @example apiRequest({ endpoint: 'https://api.example.jp', key: 'k' }, 'GET', '/v1/invoices').headers // { Authorization: 'Bearer k' }
 */
export function apiRequest(connection: ApiConnection, method: 'GET' | 'POST', path: string, body?: unknown): ApiRequest {
  checkConnection(connection);
  const request = { url: `${connection.endpoint}${path}`, method, headers: { Authorization: `Bearer ${connection.key}` } };
  return body === undefined ? request : { ...request, contentType: 'application/json', body: JSON.stringify(body) };
}

const ok = (status: number) => status >= 200 && status < 300;

/**
 * The JSON object the API answered, or the error to show: a refused key on its own (the server's
 * words add nothing), any other refusal with the API's own message and the problems it lists
 * (functions/errors.ts writes `{error, message_ja, message_en, problems?}`), an answer that is not
 * such JSON with its first characters.
 * @example apiAnswer(200, '{"batchId":"…"}') // { batchId: '…' }
 * @example apiAnswer(401, '…') // throws 'APIキーが拒否されました (401) / the API rejected the key'
 */
export function apiAnswer(status: number, text: string): Record<string, unknown> {
  if (status === 401 || status === 403) throw new ApiClientError(`APIキーが拒否されました (${status})`, 'the API rejected the key');
  const value = jsonObject(text);
  if (!ok(status)) {
    if (value && typeof value.message_ja === 'string' && typeof value.message_en === 'string') {
      const problems = Array.isArray(value.problems) ? value.problems.filter(isProblem).map(problemLine) : [];
      throw new ApiClientError(`APIエラー ${status}: ${value.message_ja}`, `API error ${status}: ${value.message_en}`, problems);
    }
    throw new ApiClientError(`APIエラー ${status}`, `API error ${status}: ${text.slice(0, 300)}`);
  }
  if (!value) throw new ApiClientError('APIの応答がJSONではありません', `the API answered with non-JSON: ${text.slice(0, 100)}`);
  return value;
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isProblem(v: unknown): v is Problem {
  const p = v as Record<string, unknown> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.file === 'string' &&
    typeof p.row === 'number' &&
    typeof p.column === 'string' &&
    typeof p.value === 'string' &&
    typeof p.message_ja === 'string' &&
    typeof p.message_en === 'string'
  );
}

/**
 * The answer to `POST /v1/invoice-batches`: the batch id and where to PUT the CSV.
 * @example createdBatch({ batchId: 'b', uploadUrl: 'https://…' }) // { batchId: 'b', uploadUrl: 'https://…' }
 */
export function createdBatch(answer: Record<string, unknown>): { batchId: string; uploadUrl: string } {
  const { batchId, uploadUrl } = answer;
  if (typeof batchId !== 'string' || typeof uploadUrl !== 'string') {
    throw new ApiClientError('APIの応答に batchId / uploadUrl がありません', 'the API answer lacks batchId or uploadUrl');
  }
  return { batchId, uploadUrl };
}

/**
 * The answer to `POST /v1/{reconcile-jobs, payroll-runs, year-end-runs}`: the job id and an
 * upload URL for each file named.
 * @example createdJob({ jobId: 'j', uploadUrls: { bank: 'https://…' } }, ['bank']) // { jobId: 'j', uploadUrls: { bank: 'https://…' } }
 */
export function createdJob<F extends string>(
  answer: Record<string, unknown>,
  files: readonly F[],
): { jobId: string; uploadUrls: Readonly<Record<F, string>> } {
  const { jobId } = answer;
  const urls = (answer.uploadUrls ?? {}) as Record<string, unknown>;
  if (typeof jobId !== 'string' || files.some((f) => typeof urls[f] !== 'string')) {
    throw new ApiClientError('APIの応答に jobId / uploadUrls がありません', 'the API answer lacks jobId or uploadUrls');
  }
  return { jobId, uploadUrls: Object.fromEntries(files.map((f) => [f, String(urls[f])])) as Record<F, string> };
}

/**
 * Checks the storage's answer to an upload (a PUT to a presigned URL).
 * @example checkUpload(403) // throws 'アップロードに失敗しました (403) / upload failed'
 */
export function checkUpload(status: number): void {
  if (!ok(status)) throw new ApiClientError(`アップロードに失敗しました (${status})`, 'upload failed');
}

/**
 * Checks the storage's answer to a download (a result or errors.csv from a presigned URL): a
 * download that failed is said, never taken for an empty file.
 * @example checkDownload(404) // throws '結果をダウンロードできません (404) / cannot download the result'
 */
export function checkDownload(status: number): void {
  if (!ok(status)) throw new ApiClientError(`結果をダウンロードできません (${status})`, 'cannot download the result');
}

/**
 * Bytes of the text in UTF-8, as the host sends it: the API signs this length into the upload URL,
 * and storage refuses a body of any other length.
 * @example utf8Length('りんご') // 9
 */
export function utf8Length(text: string): number {
  let n = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/**
 * The body of `POST /v1/invoice-batches` for a CSV (header first) to upload: its exact size, the
 * issuer (checked by the API before any upload), and no JP PINT XML.
 * @example invoiceBatchBody('invoice_no\nA-1\n', { name: '裏方商事' }) // { size: 15, issuer: { name: '裏方商事' }, pint: false }
 */
export function invoiceBatchBody(
  csv: string,
  issuer: Readonly<Record<string, unknown>>,
): { size: number; issuer: Readonly<Record<string, unknown>>; pint: false } {
  return { size: utf8Length(csv), issuer, pint: false };
}
