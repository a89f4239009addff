/**
 * The queue worker: one entry point for S3 upload notifications and chunk messages, in Lambda
 * (SQS event source) and locally (LocalQueue). Routing by key: `incoming/{tenant}/{kind}/{id}/…`.
 */
import { failInvoiceBatch, type InvoiceBatchDeps, renderInvoiceChunk, splitInvoiceBatch } from './invoice/batch.js';
import type { JobHandlers } from './jobs/handlers.js';
import { parseIncomingKey } from './keys.js';
import { logger } from './log.js';
import type { WorkMessage } from './schemas.js';

export interface WorkerDeps extends InvoiceBatchDeps {
  readonly jobs?: JobHandlers;
}

/**
 * Handles one message; throws to have it redelivered.
 * @example await handleWork(deps, { type: 'upload', key: 'incoming/acme/invoice-batches/…/lines.csv' })
 */
export async function handleWork(deps: WorkerDeps, m: WorkMessage): Promise<void> {
  if (m.type === 'render-chunk') return renderInvoiceChunk(deps, m);
  const where = parseIncomingKey(m.key);
  if (!where) {
    logger.warn('upload outside the known layout ignored');
    return;
  }
  logger.info('upload', { tenant: where.tenant, kind: where.kind, id: where.id });
  if (where.kind === 'invoice-batches') return splitInvoiceBatch(deps, where.tenant, where.id);
  await deps.jobs?.onUpload(where.kind, where.tenant, where.id);
}

/**
 * A message that failed on every delivery: its job is marked failed, with the reason.
 * @example await handleDeadLetter(deps, message, error)
 */
export async function handleDeadLetter(deps: WorkerDeps, m: WorkMessage, error: unknown): Promise<void> {
  if (m.type === 'render-chunk') return failInvoiceBatch(deps, m.tenant, m.batchId, error);
  const where = parseIncomingKey(m.key);
  if (!where) return;
  if (where.kind === 'invoice-batches') return failInvoiceBatch(deps, where.tenant, where.id, error);
  await deps.jobs?.fail(where.kind, where.tenant, where.id, error);
}
