/**
 * The invoice batch (design §3.3, §4), one step a file in batch/:
 *
 *   POST → status `awaiting_upload` + presigned PUT (here)
 *   upload event → {@link splitInvoiceBatch} (plan.ts): plan, `chunks/{n}.json`, one queue
 *     message per chunk
 *   chunk message → {@link renderInvoiceChunk} (render.ts): each PDF written once
 *     (`If-None-Match: *`) under its invoice number, with 電帳法 search metadata; `results/{n}.json`
 *   last chunk → {@link finalizeInvoiceBatch} (finalize.ts): manifest.json, errors.csv, streamed
 *     invoices.zip, journal.csv, `done`
 *
 * Every step may run twice (at-least-once delivery, retries, a store that goes away): each one
 * either finds its work already done or redoes it with the same result, and an invoice number
 * is never written twice.
 */
import { problem } from '../../core/errors.js';
import { parseIssuer } from '../../core/invoice/index.js';
import { ApiError } from '../errors.js';
import { type JobStatus, loadStatus, putJson, readJson, statusKey, tooLarge } from '../jobs/status.js';
import { incomingKey, newJobId } from '../keys.js';
import { correlationId, logger } from '../log.js';
import { CreateInvoiceBatchBody, MAX_UPLOAD_BYTES, URL_EXPIRY_SECONDS } from '../schemas.js';
import type { ObjectStore } from '../store.js';
import { type BatchPlan, type BatchRequest, chunksDone, type InvoiceBatchDeps, KIND, key, UPLOAD_NAME, unfinished } from './batch/files.js';
import { recordFailedBatch } from './batch/finalize.js';

export type { InvoiceBatchDeps } from './batch/files.js';
export { finalizeInvoiceBatch } from './batch/finalize.js';
export { splitInvoiceBatch } from './batch/plan.js';
export { renderInvoiceChunk } from './batch/render.js';

/**
 * POST /v1/invoice-batches. The issuer is checked now so a bad registration number is refused
 * before anything is uploaded.
 * @example await createInvoiceBatch(deps, 'acme', { size: 2048, issuer }) // { batchId, uploadUrl, expiresAt, maxBytes }
 */
export async function createInvoiceBatch(deps: InvoiceBatchDeps, tenant: string, body: unknown) {
  const request = CreateInvoiceBatchBody.parse(body);
  const max = deps.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  if (request.size > max) throw tooLarge(max);
  const issuer = parseIssuer(request.issuer, 'issuer');
  if (!issuer.issuer) {
    throw new ApiError(400, 'invalid_issuer', '発行者の設定に誤りがあります', 'invalid issuer', issuer.problems);
  }
  const id = newJobId();
  const now = new Date().toISOString();
  await putJson(deps.store, key(tenant, id, 'request.json'), { ...request, correlation_id: correlationId() } satisfies BatchRequest);
  const status: JobStatus = { id, kind: KIND, state: 'awaiting_upload', created_at: now, updated_at: now };
  await putJson(deps.store, statusKey(tenant, KIND, id), status);
  const uploadUrl = await deps.store.uploadUrl(incomingKey(tenant, KIND, id, UPLOAD_NAME), request.size, URL_EXPIRY_SECONDS);
  logger.info('invoice batch created', { batch_id: id });
  return {
    batchId: id,
    uploadUrl,
    method: 'PUT',
    expiresAt: new Date(Date.now() + URL_EXPIRY_SECONDS * 1000).toISOString(),
    maxBytes: max,
    // e.g. the issuer's own T-number fails the 法人番号 check digit (right for a sole proprietor).
    ...(issuer.problems.length > 0 ? { warnings: issuer.problems } : {}),
  };
}

/**
 * GET /v1/invoice-batches/{id}: status, counts and (when done) presigned download links.
 * @example await invoiceBatchStatus(deps, 'acme', batchId) // { state: 'done', counts: { issued: 2, … }, zipUrl: 'https://…' }
 */
export async function invoiceBatchStatus(deps: InvoiceBatchDeps, tenant: string, id: string) {
  const status = await loadStatus(deps.store, tenant, KIND, id);
  if (status.state === 'running') {
    const plan = await readJson<BatchPlan>(deps.store, key(tenant, id, 'plan.json'));
    return { ...status, progress: { chunks: plan?.chunks ?? 0, chunks_done: await chunksDone(deps.store, tenant, id) } };
  }
  if (status.state !== 'done' && status.state !== 'failed') return status;
  const link = (file: string) => deps.store.downloadUrl(key(tenant, id, file), URL_EXPIRY_SECONDS, file);
  const errorsUrl = await link('errors.csv');
  // A batch that failed after planning lists what it issued (recordFailedBatch); one refused before has only errors.
  if (status.state === 'failed') {
    if (!(await deps.store.head(key(tenant, id, 'manifest.json')))) return { ...status, errorsUrl };
    return { ...status, manifestUrl: await link('manifest.json'), journalUrl: await link('journal.csv'), errorsUrl };
  }
  return {
    ...status,
    zipUrl: await link('invoices.zip'),
    manifestUrl: await link('manifest.json'),
    journalUrl: await link('journal.csv'),
    errorsUrl,
  };
}

/**
 * The dead-letter path: a chunk that failed on every delivery fails its batch, with the reason.
 * @example await failInvoiceBatch(deps, 'acme', batchId, new Error('…'))
 */
export async function failInvoiceBatch(deps: InvoiceBatchDeps, tenant: string, id: string, error: unknown): Promise<void> {
  const status = await unfinished(deps.store, tenant, id);
  if (!status) return;
  logger.error('invoice batch failed on every retry', { error: error as Error });
  await recordFailedBatch(
    deps,
    tenant,
    id,
    status,
    problem(
      UPLOAD_NAME,
      0,
      '',
      '',
      '再試行しても処理できない部分があったため、バッチを中止しました。発行済みの請求書はそのまま有効です（manifest.json と仕訳に記録）',
      'part of the batch failed on every retry; the batch stopped (invoices already issued stay valid, in manifest.json and the journal)',
    ),
  );
}

export const loadInvoiceBatchStatus = (store: ObjectStore, tenant: string, id: string) => loadStatus(store, tenant, KIND, id);
