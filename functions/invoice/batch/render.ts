/**
 * A chunk message of an invoice batch: each invoice rendered and issued once under its number
 * (`If-None-Match: *`), with 電帳法 search metadata and, when asked, its JP PINT XML; what it did
 * kept as `results/{n}.json`. The last chunk's result finalizes the batch.
 */
import {
  type Invoice,
  invoicePdf,
  issueConflict,
  issueDecision,
  type ManifestEntry,
  manifestEntry,
  pintSkipWarnings,
  pintXml,
  invoiceFileName,
} from '../../../core/invoice/index.js';
import { problem } from '../../../core/errors.js';
import type { PdfFontBytes } from '../../../core/pdf/document.js';
import { putJson, readJson } from '../../jobs/status.js';
import { invoiceKey, invoiceNumberKey } from '../../keys.js';
import { inLanes } from '../../lanes.js';
import { logger } from '../../log.js';
import { chunkRendered } from '../../metrics.js';
import type { RenderChunkMessage } from '../../schemas.js';
import { sha256Hex } from '../../store.js';
import { indexInvoice } from '../search.js';
import { maybeFinalize } from './finalize.js';
import {
  addResult,
  type BatchRequest,
  type ChunkFile,
  type ChunkLease,
  type ChunkResult,
  emptyResult,
  type InvoiceBatchDeps,
  key,
  LEASE_MS,
  PROCESS_INSTANCE,
  UPLOAD_NAME,
  unfinished,
} from './files.js';

/**
 * One chunk message: renders and writes each invoice once. Whether an invoice number stored
 * before makes it `issued` (a retry of this batch's own write), `unchanged` or a conflict (reported,
 * never overwritten) is core's {@link issueDecision}.
 * @example await renderInvoiceChunk(deps, { type: 'render-chunk', tenant: 'acme', batchId, chunk: 0 })
 */
export async function renderInvoiceChunk(deps: InvoiceBatchDeps, m: RenderChunkMessage): Promise<void> {
  const { tenant, batchId: id, chunk: n } = m;
  const status = await unfinished(deps.store, tenant, id);
  const resultKey = key(tenant, id, `results/${n}.json`);
  if (!status) {
    // A chunk delivered again after its batch failed, that had started (its lease) or stored its
    // result before it stopped or failed: what it issued goes into the failed batch's record
    // (maybeFinalize; a chunk without a result is read by its PDFs), else it stays listed as not
    // issued and is never booked. A chunk that never started has nothing to add.
    const started = (await deps.store.head(resultKey)) ?? (await deps.store.head(key(tenant, id, `leases/${n}.json`)));
    if (started) await maybeFinalize(deps, tenant, id, n);
    return;
  }
  if (!(await deps.store.head(resultKey))) {
    const started = performance.now();
    const lease: ChunkLease = { holder: deps.instance ?? PROCESS_INSTANCE, until: new Date(Date.now() + LEASE_MS).toISOString() };
    await putJson(deps.store, key(tenant, id, `leases/${n}.json`), lease);
    const chunk = await readJson<ChunkFile>(deps.store, key(tenant, id, `chunks/${n}.json`));
    const request = await readJson<BatchRequest>(deps.store, key(tenant, id, 'request.json'));
    if (!chunk || !request) return;
    const render = deps.renderPdf ?? invoicePdf;
    // A few invoices in flight, so one's store round trips overlap another's rendering; results keep chunk order.
    const outcomes: ChunkResult[] = chunk.invoices.map(emptyResult);
    // Every lane ends before the chunk does, failed or not (inLanes): a chunk failed while another
    // lane was still writing would be delivered again beside that write.
    await inLanes(chunk.invoices.length, 4, async (i) => {
      const inv = chunk.invoices[i];
      const out = outcomes[i];
      if (inv && out) await issueOne(deps, tenant, id, inv, chunk.firstRows[i] ?? 0, request.pint, render, out);
    });
    const result = emptyResult();
    for (const o of outcomes) addResult(result, o);
    await putJson(deps.store, resultKey, result);
    const ms = Math.round(performance.now() - started);
    chunkRendered(ms);
    logger.info('chunk rendered', { invoices: chunk.invoices.length, ...result.counts, ms });
  }
  await maybeFinalize(deps, tenant, id, n);
}

/**
 * The invoice's PDF, tried twice; when the renderer fails both times the invoice is rejected alone,
 * with its row, and the chunk goes on. A renderer that throws on one invoice's content would
 * otherwise fail the chunk on every delivery and, dead-lettered, the whole batch — every other
 * invoice with it, and an errors.csv that named neither the row nor the invoice.
 */
async function renderOrReject(
  inv: Invoice,
  fonts: PdfFontBytes,
  render: NonNullable<InvoiceBatchDeps['renderPdf']>,
  firstRow: number,
  result: ChunkResult,
): Promise<Uint8Array | undefined> {
  let failure: unknown;
  for (let attempt = 1; attempt <= 2; attempt++) {
    try {
      return await render(inv, fonts);
    } catch (e) {
      failure = e;
    }
  }
  logger.error('invoice could not be rendered', { invoice_no: inv.invoice_no, row: firstRow, error: failure as Error });
  result.problems.push(
    problem(
      UPLOAD_NAME,
      firstRow,
      'invoice_no',
      inv.invoice_no,
      'この請求書の PDF を作成できませんでした（発行していません）。内容を確認してください。ほかの請求書は発行しています',
      "this invoice's PDF could not be made (not issued): check its content; the other invoices were issued",
    ),
  );
  result.counts.rejected = (result.counts.rejected ?? 0) + 1;
  return undefined;
}

/**
 * A conditional write answered "exists" for a key the store then does not hold: nothing to decide
 * by. Passing the invoice would issue it unclaimed, calling it a conflict would refuse the batch's
 * own; the chunk fails and is delivered again.
 */
const vanished = (key: string): Error =>
  new Error(
    `書き込み済みと答えられたキーが読めません（再試行します）/ the store answered that this key exists, but it cannot be read (retried): ${key}`,
  );

async function issueOne(
  deps: InvoiceBatchDeps,
  tenant: string,
  batchId: string,
  inv: Invoice,
  firstRow: number,
  pint: boolean,
  render: NonNullable<InvoiceBatchDeps['renderPdf']>,
  result: ChunkResult,
): Promise<void> {
  const pdf = await renderOrReject(inv, deps.fonts(), render, firstRow, result);
  if (!pdf) return;
  const hash = sha256Hex(pdf);
  const pdfKey = invoiceKey(tenant, inv.issue_date, inv.invoice_no, 'pdf');
  // 電帳法: the issued record is locked for the retention period, counted from its issue.
  const retainUntil = deps.retentionDays ? new Date(Date.now() + deps.retentionDays * 86_400_000) : undefined;
  const lock = retainUntil ? { retainUntil } : {};
  const metadata = {
    'invoice-no': encodeURIComponent(inv.invoice_no),
    'issue-date': inv.issue_date,
    amount: String(inv.total),
    counterparty: encodeURIComponent(inv.customer.id),
    sha256: hash,
    'batch-id': batchId,
  };
  const attempt = { sha256: hash, issue_date: inv.issue_date, batch: batchId };
  const conflict = () => {
    result.problems.push(issueConflict(UPLOAD_NAME, firstRow, inv.invoice_no));
    result.counts.conflicts++;
  };
  // An invoice number is issued once across all dates: claimed first (atomically), then the PDF
  // of its month. The same invoice again (same date and bytes) goes on as before.
  const claimKey = invoiceNumberKey(tenant, inv.invoice_no);
  const claim = JSON.stringify({ issue_date: inv.issue_date, sha256: hash });
  if ((await deps.store.putIfAbsent(claimKey, claim, { contentType: 'application/json' })) === 'exists') {
    const held = await readJson<{ issue_date: string; sha256: string }>(deps.store, claimKey);
    if (!held) throw vanished(claimKey);
    if (issueDecision(attempt, held) === 'conflict') return conflict();
  }
  let state: ManifestEntry['status'] = 'issued';
  if ((await deps.store.putIfAbsent(pdfKey, pdf, { contentType: 'application/pdf', metadata, ...lock })) === 'exists') {
    const before = await deps.store.head(pdfKey);
    if (!before) throw vanished(pdfKey);
    const decision = issueDecision(attempt, { sha256: before.metadata.sha256, batch: before.metadata['batch-id'] });
    if (decision === 'conflict') return conflict();
    state = decision;
  }
  result.counts[state === 'issued' ? 'issued' : 'unchanged']++;
  const noXml = pint ? pintSkipWarnings(inv, UPLOAD_NAME, firstRow) : [];
  result.problems.push(...noXml);
  const xmlFile = pint && noXml.length === 0 ? invoiceFileName(inv.invoice_no, 'xml') : undefined;
  if (xmlFile) {
    await deps.store.putIfAbsent(invoiceKey(tenant, inv.issue_date, inv.invoice_no, 'xml'), pintXml(inv), {
      contentType: 'application/xml',
      metadata,
      ...lock,
    });
  }
  await indexInvoice(deps.store, tenant, inv, pdfKey);
  result.entries.push(manifestEntry(inv, invoiceFileName(inv.invoice_no, 'pdf'), hash, xmlFile, state));
}
