/**
 * When the local stack starts, the work a previous process left unfinished is taken up again: its
 * queue died with it, so a batch, job or run it was working on would otherwise stay `running`
 * forever. Every job starts with an upload under `incoming/`; each one whose job is unfinished is
 * recovered — an invoice batch chunk by chunk (recoverInvoiceBatch), any other job by handling its
 * upload again (its handler is idempotent).
 */
import { recoverInvoiceBatch } from '../invoice/batch/recover.js';
import { unfinishedStatus } from '../jobs/status.js';
import { INCOMING, parseIncomingKey } from '../keys.js';
import { logger } from '../log.js';
import type { WorkerDeps } from '../worker.js';

/**
 * Recovers every unfinished job; returns how many were taken up again.
 * @example await recoverUnfinishedWork(deps, Date.now()) // 1
 */
export async function recoverUnfinishedWork(deps: WorkerDeps, now: number): Promise<number> {
  const seen = new Set<string>();
  let recovered = 0;
  for await (const upload of deps.store.list(INCOMING)) {
    const where = parseIncomingKey(upload);
    if (!where) continue;
    const job = `${where.kind}/${where.tenant}/${where.id}`;
    if (seen.has(job)) continue;
    seen.add(job);
    if (where.kind === 'invoice-batches') {
      const r = await recoverInvoiceBatch(deps, where.tenant, where.id, now);
      if (r !== 'nothing') {
        recovered++;
        logger.info('unfinished invoice batch recovered', { tenant: where.tenant, batch_id: where.id, recovery: r });
      }
    } else if (await unfinishedStatus(deps.store, where.tenant, where.kind, where.id)) {
      // A job with several files is run once all have come; its handler checks, and waits otherwise.
      await deps.queue.send([{ type: 'upload', key: upload }]);
      recovered++;
      logger.info('unfinished job recovered', { tenant: where.tenant, kind: where.kind, id: where.id });
    }
  }
  return recovered;
}
