/**
 * A batch left `running` by a process that died: its chunks without a result whose lease has
 * expired (or whose holder is gone) are queued again, a batch whose chunks are all done is
 * finalized, and one never planned is planned. In Lambda, SQS redelivers a message whose worker
 * died once its visibility timeout passes; the local queue lives in the process, so `urakata
 * serve` runs this for every unfinished batch when it starts. Every step is idempotent: nothing is
 * issued twice.
 */
import { decodeText } from '../../../core/csv/encoding.js';
import { readJson } from '../../jobs/status.js';
import { incomingKey } from '../../keys.js';
import type { RenderChunkMessage } from '../../schemas.js';
import { finalizeInvoiceBatch } from './finalize.js';
import { type BatchPlan, type ChunkLease, type InvoiceBatchDeps, KIND, key, PROCESS_INSTANCE, UPLOAD_NAME, unfinished } from './files.js';

/** What recovery did for one batch. */
export type BatchRecovery = 'finished' | 'planned' | { readonly requeued: readonly number[] } | 'nothing';

/**
 * Recovers one batch; `now` (ms) decides which leases have expired.
 * @example await recoverInvoiceBatch(deps, 'acme', batchId, Date.now()) // { requeued: [3] }
 */
export async function recoverInvoiceBatch(deps: InvoiceBatchDeps, tenant: string, id: string, now: number): Promise<BatchRecovery> {
  if (!(await unfinished(deps.store, tenant, id))) return 'nothing';
  const plan = await readJson<BatchPlan>(deps.store, key(tenant, id, 'plan.json'));
  if (!plan) {
    // Killed before the plan was written (or before the upload event came): plan it now.
    if (!(await deps.store.head(incomingKey(tenant, KIND, id, UPLOAD_NAME)))) return 'nothing';
    await deps.queue.send([{ type: 'upload', key: incomingKey(tenant, KIND, id, UPLOAD_NAME) }]);
    return 'planned';
  }
  const done = new Set<string>();
  for await (const k of deps.store.list(key(tenant, id, 'results/'))) done.add(k);
  const holder = deps.instance ?? PROCESS_INSTANCE;
  const stuck: number[] = [];
  for (let n = 0; n < plan.chunks; n++) {
    if (done.has(key(tenant, id, `results/${n}.json`))) continue;
    const lease = await readJson<ChunkLease>(deps.store, key(tenant, id, `leases/${n}.json`));
    const held = lease !== undefined && lease.holder === holder && Date.parse(lease.until) > now;
    if (!held) stuck.push(n);
  }
  if (stuck.length > 0) {
    const messages: RenderChunkMessage[] = stuck.map((chunk) => ({ type: 'render-chunk', tenant, batchId: id, chunk }));
    await deps.queue.send(messages);
    return { requeued: stuck };
  }
  if (done.size < plan.chunks) return 'nothing';
  // Every chunk has its result: the finalizer died. Whoever claimed finalizing finishes it.
  const claim = await deps.store.get(key(tenant, id, 'finalize.claim'));
  const claimant = claim === undefined ? -1 : Number(decodeText(claim).text);
  await finalizeInvoiceBatch(deps, tenant, id, Number.isFinite(claimant) ? claimant : -1);
  return 'finished';
}
