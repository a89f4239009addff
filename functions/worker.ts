/**
 * The queue worker: one entry point for S3 upload notifications and chunk messages, in Lambda
 * (SQS event source) and locally (LocalQueue). Routing by key: `incoming/{tenant}/{kind}/{id}/…`.
 */
import { failInvoiceBatch, type InvoiceBatchDeps, renderInvoiceChunk, splitInvoiceBatch } from './invoice/batch.js';
import type { JobHandlers } from './jobs/handlers.js';
import { readJson } from './jobs/status.js';
import { type JobKind, jobKey, parseIncomingKey } from './keys.js';
import { correlationId, type LogKeys, logger, withLogKeys } from './log.js';
import type { WorkMessage } from './schemas.js';

export interface WorkerDeps extends InvoiceBatchDeps {
  readonly jobs?: JobHandlers;
}

/** The log key of a kind of job's id, named as the API names it. */
const ID_KEY: Readonly<Record<JobKind, 'batch_id' | 'job_id' | 'run_id'>> = {
  'invoice-batches': 'batch_id',
  'reconcile-jobs': 'job_id',
  'payroll-runs': 'run_id',
  'year-end-runs': 'run_id',
};

/**
 * Runs `fn` with the message's job on every log line: kind, tenant, its id (and chunk). An upload
 * event comes from S3 and carries no correlation id: the job's request.json, written by the API
 * request that created it, has it.
 */
async function withJobKeys<T>(deps: WorkerDeps, kind: JobKind, tenant: string, id: string, extra: LogKeys, fn: () => Promise<T>) {
  const keys: LogKeys = { kind, tenant, [ID_KEY[kind]]: id, ...extra };
  if (correlationId() === undefined) {
    // Only for the log lines: a store that fails here fails the work's own reads just after.
    const request = await readJson<{ correlation_id?: unknown }>(deps.store, jobKey(tenant, kind, id, 'request.json')).catch(
      () => undefined,
    );
    if (typeof request?.correlation_id === 'string') return withLogKeys({ ...keys, correlation_id: request.correlation_id }, fn);
  }
  return withLogKeys(keys, fn);
}

/**
 * Handles one message; throws to have it redelivered.
 * @example await handleWork(deps, { type: 'upload', key: 'incoming/acme/invoice-batches/…/lines.csv' })
 */
export async function handleWork(deps: WorkerDeps, m: WorkMessage): Promise<void> {
  if (m.type === 'render-chunk') {
    return withJobKeys(deps, 'invoice-batches', m.tenant, m.batchId, { chunk: m.chunk }, () => renderInvoiceChunk(deps, m));
  }
  const where = parseIncomingKey(m.key);
  if (!where) {
    logger.warn('upload outside the known layout ignored');
    return;
  }
  return withJobKeys(deps, where.kind, where.tenant, where.id, {}, async () => {
    logger.info('upload', { file: where.file });
    if (where.kind === 'invoice-batches') return splitInvoiceBatch(deps, where.tenant, where.id);
    await deps.jobs?.onUpload(where.kind, where.tenant, where.id);
  });
}

/**
 * A message that failed on every delivery: its job is marked failed, with the reason.
 * @example await handleDeadLetter(deps, message, error)
 */
export async function handleDeadLetter(deps: WorkerDeps, m: WorkMessage, error: unknown): Promise<void> {
  if (m.type === 'render-chunk') {
    return withJobKeys(deps, 'invoice-batches', m.tenant, m.batchId, { chunk: m.chunk }, () =>
      failInvoiceBatch(deps, m.tenant, m.batchId, error),
    );
  }
  const where = parseIncomingKey(m.key);
  if (!where) return;
  return withJobKeys(deps, where.kind, where.tenant, where.id, {}, async () => {
    if (where.kind === 'invoice-batches') return failInvoiceBatch(deps, where.tenant, where.id, error);
    await deps.jobs?.fail(where.kind, where.tenant, where.id, error);
  });
}
