/**
 * The invoice batch (DESIGN §3.3, §4):
 *
 *   POST → status `awaiting_upload` + presigned PUT
 *   upload event → {@link splitInvoiceBatch}: plan, `chunks/{n}.json`, one queue message per chunk
 *   chunk message → {@link renderInvoiceChunk}: each PDF written once (`If-None-Match: *`) under
 *     its invoice number, with 電帳法 search metadata; `results/{n}.json`
 *   last chunk → {@link finalizeInvoiceBatch}: manifest.json, errors.csv, streamed invoices.zip, `done`
 *
 * Every step may run twice (at-least-once delivery, retries, a store that goes away): each one
 * either finds its work already done or redoes it with the same result, and an invoice number
 * is never written twice.
 */
import { errorsCsv } from '../../core/csv/errors-csv.js';
import { decodeText } from '../../core/csv/encoding.js';
import { isError, problem, type Problem } from '../../core/errors.js';
import {
  type Invoice,
  type ManifestEntry,
  manifestEntry,
  invoicePdf,
  issueConflict,
  issueDecision,
  parseIssuer,
  pintRoundingWarning,
  pintXml,
  planInvoices,
} from '../../core/invoice/index.js';
import type { PdfFontBytes } from '../../core/pdf/document.js';
import { ApiError } from '../errors.js';
import { correlationId, logger } from '../log.js';
import { incomingKey, invoiceKey, invoiceNumberKey, jobKey, newJobId } from '../keys.js';
import type { WorkQueue } from '../queue.js';
import { CreateInvoiceBatchBody, MAX_UPLOAD_BYTES, type RenderChunkMessage, URL_EXPIRY_SECONDS } from '../schemas.js';
import { chunkRendered } from '../metrics.js';
import { type ObjectStore, sha256Hex } from '../store.js';
import { type JobStatus, loadStatus, putJson, readJson, statusKey, tooLarge, writeStatus } from '../jobs/status.js';
import { type ZipEntry, zipToStore } from '../zip.js';
import { indexInvoice } from './search.js';

const KIND = 'invoice-batches' as const;
const UPLOAD_NAME = 'lines.csv';

export interface InvoiceBatchDeps {
  readonly store: ObjectStore;
  readonly queue: WorkQueue;
  readonly fonts: () => PdfFontBytes;
  /** Invoices per chunk (one queue message each). */
  readonly chunkSize?: number;
  readonly maxUploadBytes?: number;
  /** Replaceable in tests (a renderer that fails once); defaults to core's invoicePdf. */
  readonly renderPdf?: (invoice: Invoice, fonts: PdfFontBytes) => Promise<Uint8Array>;
  /** Days an issued invoice (PDF, XML) is kept under S3 Object Lock; none when undefined. */
  readonly retentionDays?: number;
}

interface BatchRequest {
  readonly size: number;
  readonly issuer: Record<string, unknown>;
  readonly pint: boolean;
  /** The creating request's id: the upload event's work is logged under it. */
  readonly correlation_id?: string;
}

interface BatchPlan {
  readonly chunks: number;
  readonly invoices: number;
  readonly rejected: number;
}

interface ChunkFile {
  readonly invoices: Invoice[];
  readonly firstRows: number[];
}

interface ChunkResult {
  readonly entries: ManifestEntry[];
  readonly problems: Problem[];
  readonly counts: { issued: number; unchanged: number; conflicts: number };
}

const key = (tenant: string, id: string, file: string) => jobKey(tenant, KIND, id, file);

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
    let done = 0;
    for await (const _ of deps.store.list(key(tenant, id, 'results/'))) done++;
    return { ...status, progress: { chunks: plan?.chunks ?? 0, chunks_done: done } };
  }
  if (status.state !== 'done' && status.state !== 'failed') return status;
  const link = (file: string) => deps.store.downloadUrl(key(tenant, id, file), URL_EXPIRY_SECONDS, file);
  const errorsUrl = await link('errors.csv');
  if (status.state === 'failed') return { ...status, errorsUrl };
  return { ...status, zipUrl: await link('invoices.zip'), manifestUrl: await link('manifest.json'), errorsUrl };
}

async function fail(deps: InvoiceBatchDeps, tenant: string, status: JobStatus, problems: readonly Problem[]): Promise<void> {
  await deps.store.put(key(tenant, status.id, 'errors.csv'), errorsCsv(problems), { contentType: 'text/csv; charset=utf-8' });
  await writeStatus(deps.store, tenant, status, {
    state: 'failed',
    reasons: problems.filter(isError).map((p) => ({ message_ja: p.message_ja, message_en: p.message_en })),
  });
}

/**
 * The upload event: checks the file, plans the invoices and queues one message per chunk.
 * A redelivered event finds the plan and only requeues chunks that have no result yet.
 * @example await splitInvoiceBatch(deps, 'acme', batchId)
 */
export async function splitInvoiceBatch(deps: InvoiceBatchDeps, tenant: string, id: string): Promise<void> {
  const status = await readJson<JobStatus>(deps.store, statusKey(tenant, KIND, id));
  if (!status || status.state === 'done' || status.state === 'failed') return;
  const planned = await readJson<BatchPlan>(deps.store, key(tenant, id, 'plan.json'));
  if (planned) {
    await queueChunks(deps, tenant, id, planned, true);
    if (planned.chunks === 0) await finalizeInvoiceBatch(deps, tenant, id, -1);
    return;
  }
  const request = await readJson<BatchRequest>(deps.store, key(tenant, id, 'request.json'));
  const upload = incomingKey(tenant, KIND, id, UPLOAD_NAME);
  const head = await deps.store.head(upload);
  if (!request || !head) return;
  const max = Math.min(request.size, deps.maxUploadBytes ?? MAX_UPLOAD_BYTES);
  if (head.size > max) {
    // S3 refuses a body that differs from the signed Content-Length; this catches anything else.
    await deps.store.delete(upload);
    const e = tooLarge(max);
    return fail(deps, tenant, status, [problem(UPLOAD_NAME, 0, '', String(head.size), e.message_ja, e.message_en)]);
  }
  const bytes = await deps.store.get(upload);
  const issuer = parseIssuer(request.issuer, 'issuer').issuer;
  if (!bytes || !issuer) return;
  const plan = planInvoices(bytes, issuer, UPLOAD_NAME);
  if (plan.fatal.length > 0) return fail(deps, tenant, status, plan.fatal);

  const size = deps.chunkSize ?? 100;
  const chunks = Math.ceil(plan.invoices.length / size);
  for (let n = 0; n < chunks; n++) {
    const chunk: ChunkFile = {
      invoices: plan.invoices.slice(n * size, (n + 1) * size),
      firstRows: plan.firstRows.slice(n * size, (n + 1) * size),
    };
    await putJson(deps.store, key(tenant, id, `chunks/${n}.json`), chunk);
  }
  await putJson(deps.store, key(tenant, id, 'plan-problems.json'), plan.problems);
  const summary: BatchPlan = { chunks, invoices: plan.invoices.length, rejected: plan.rejected };
  await putJson(deps.store, key(tenant, id, 'plan.json'), summary);
  await writeStatus(deps.store, tenant, status, { state: 'running', counts: { invoices: summary.invoices, rejected: summary.rejected } });
  await queueChunks(deps, tenant, id, summary, false);
  if (chunks === 0) await finalizeInvoiceBatch(deps, tenant, id, -1);
}

async function queueChunks(deps: InvoiceBatchDeps, tenant: string, id: string, plan: BatchPlan, onlyMissing: boolean) {
  const done = new Set<string>();
  if (onlyMissing) for await (const k of deps.store.list(key(tenant, id, 'results/'))) done.add(k);
  const messages: RenderChunkMessage[] = [];
  for (let n = 0; n < plan.chunks; n++) {
    if (!done.has(key(tenant, id, `results/${n}.json`))) messages.push({ type: 'render-chunk', tenant, batchId: id, chunk: n });
  }
  await deps.queue.send(messages);
}

/**
 * One chunk message: renders and writes each invoice once. Whether an invoice number stored
 * before makes it `issued` (a retry of this batch's own write), `unchanged` or a conflict (reported,
 * never overwritten) is core's {@link issueDecision}.
 * @example await renderInvoiceChunk(deps, { type: 'render-chunk', tenant: 'acme', batchId, chunk: 0 })
 */
export async function renderInvoiceChunk(deps: InvoiceBatchDeps, m: RenderChunkMessage): Promise<void> {
  const { tenant, batchId: id, chunk: n } = m;
  const status = await readJson<JobStatus>(deps.store, statusKey(tenant, KIND, id));
  if (!status || status.state === 'done' || status.state === 'failed') return;
  const resultKey = key(tenant, id, `results/${n}.json`);
  if (!(await deps.store.head(resultKey))) {
    const started = performance.now();
    const chunk = await readJson<ChunkFile>(deps.store, key(tenant, id, `chunks/${n}.json`));
    const request = await readJson<BatchRequest>(deps.store, key(tenant, id, 'request.json'));
    if (!chunk || !request) return;
    const result: ChunkResult = { entries: [], problems: [], counts: { issued: 0, unchanged: 0, conflicts: 0 } };
    const render = deps.renderPdf ?? invoicePdf;
    // A few invoices in flight, so one's store round trips overlap another's rendering; results keep chunk order.
    const outcomes: ChunkResult[] = chunk.invoices.map(() => ({
      entries: [],
      problems: [],
      counts: { issued: 0, unchanged: 0, conflicts: 0 },
    }));
    let next = 0;
    const lane = async () => {
      for (let i = next++; i < chunk.invoices.length; i = next++) {
        const inv = chunk.invoices[i];
        const out = outcomes[i];
        if (inv && out) await issueOne(deps, tenant, id, inv, chunk.firstRows[i] ?? 0, request.pint, render, out);
      }
    };
    await Promise.all(Array.from({ length: Math.min(4, chunk.invoices.length) }, lane));
    for (const o of outcomes) {
      result.entries.push(...o.entries);
      result.problems.push(...o.problems);
      result.counts.issued += o.counts.issued;
      result.counts.unchanged += o.counts.unchanged;
      result.counts.conflicts += o.counts.conflicts;
    }
    await putJson(deps.store, resultKey, result);
    const ms = Math.round(performance.now() - started);
    chunkRendered(ms);
    logger.info('chunk rendered', { invoices: chunk.invoices.length, ...result.counts, ms });
  }
  await maybeFinalize(deps, tenant, id, n);
}

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
  const pdf = await render(inv, deps.fonts());
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
  const claim = JSON.stringify({ issue_date: inv.issue_date, sha256: hash });
  if ((await deps.store.putIfAbsent(invoiceNumberKey(tenant, inv.invoice_no), claim, { contentType: 'application/json' })) === 'exists') {
    const held = await readJson<{ issue_date: string; sha256: string }>(deps.store, invoiceNumberKey(tenant, inv.invoice_no));
    if (held && issueDecision(attempt, held) === 'conflict') return conflict();
  }
  let state: ManifestEntry['status'] = 'issued';
  if ((await deps.store.putIfAbsent(pdfKey, pdf, { contentType: 'application/pdf', metadata, ...lock })) === 'exists') {
    const before = await deps.store.head(pdfKey);
    const decision = issueDecision(attempt, { sha256: before?.metadata.sha256, batch: before?.metadata['batch-id'] });
    if (decision === 'conflict') return conflict();
    state = decision;
  }
  result.counts[state === 'issued' ? 'issued' : 'unchanged']++;
  const noXml = pint ? pintRoundingWarning(inv, UPLOAD_NAME, firstRow) : undefined;
  if (noXml) result.problems.push(noXml);
  const xmlFile = pint && !noXml ? `${inv.invoice_no}.xml` : undefined;
  if (xmlFile) {
    await deps.store.putIfAbsent(invoiceKey(tenant, inv.issue_date, inv.invoice_no, 'xml'), pintXml(inv), {
      contentType: 'application/xml',
      metadata,
      ...lock,
    });
  }
  await indexInvoice(deps.store, tenant, inv, pdfKey);
  result.entries.push(manifestEntry(inv, `${inv.invoice_no}.pdf`, hash, xmlFile, state));
}

/** Once every chunk has a result, exactly one claimant (by a conditional write) finalizes. */
async function maybeFinalize(deps: InvoiceBatchDeps, tenant: string, id: string, claimant: number): Promise<void> {
  const plan = await readJson<BatchPlan>(deps.store, key(tenant, id, 'plan.json'));
  if (!plan) return;
  let done = 0;
  for await (const _ of deps.store.list(key(tenant, id, 'results/'))) done++;
  if (done < plan.chunks) return;
  await finalizeInvoiceBatch(deps, tenant, id, claimant);
}

/**
 * manifest.json, errors.csv and invoices.zip (streamed: PDFs are fetched a few at a time and
 * piped through the zip into a multipart upload), then `done`. Safe to run again after a crash.
 * @example await finalizeInvoiceBatch(deps, 'acme', batchId, 0)
 */
export async function finalizeInvoiceBatch(deps: InvoiceBatchDeps, tenant: string, id: string, claimant: number): Promise<void> {
  const claimKey = key(tenant, id, 'finalize.claim');
  if ((await deps.store.putIfAbsent(claimKey, String(claimant))) === 'exists') {
    const owner = decodeText(new Uint8Array((await deps.store.get(claimKey)) ?? new Uint8Array())).text;
    if (owner !== String(claimant)) return;
  }
  const status = await readJson<JobStatus>(deps.store, statusKey(tenant, KIND, id));
  const plan = await readJson<BatchPlan>(deps.store, key(tenant, id, 'plan.json'));
  if (!status || !plan || status.state === 'done') return;
  const entries: ManifestEntry[] = [];
  const problems: Problem[] = [...((await readJson<Problem[]>(deps.store, key(tenant, id, 'plan-problems.json'))) ?? [])];
  const counts = { invoices: plan.invoices, issued: 0, unchanged: 0, rejected: plan.rejected, conflicts: 0, warnings: 0 };
  for (let n = 0; n < plan.chunks; n++) {
    const r = await readJson<ChunkResult>(deps.store, key(tenant, id, `results/${n}.json`));
    if (!r) throw new Error(`chunk ${n} has no result`);
    entries.push(...r.entries);
    problems.push(...r.problems);
    counts.issued += r.counts.issued;
    counts.unchanged += r.counts.unchanged;
    counts.conflicts += r.counts.conflicts;
  }
  problems.sort((a, b) => a.row - b.row);
  counts.warnings = problems.filter((p) => !isError(p)).length;

  await putJson(deps.store, key(tenant, id, 'manifest.json'), entries);
  await deps.store.put(key(tenant, id, 'errors.csv'), errorsCsv(problems), { contentType: 'text/csv; charset=utf-8' });
  await zipInvoices(deps.store, tenant, entries, key(tenant, id, 'invoices.zip'));
  await writeStatus(deps.store, tenant, status, { state: 'done', counts });
}

async function zipInvoices(store: ObjectStore, tenant: string, entries: readonly ManifestEntry[], target: string): Promise<void> {
  const files = entries.flatMap((e) => [
    { name: e.file, key: invoiceKey(tenant, e.issue_date, e.invoice_no, 'pdf'), date: e.issue_date },
    ...(e.xml_file ? [{ name: e.xml_file, key: invoiceKey(tenant, e.issue_date, e.invoice_no, 'xml'), date: e.issue_date }] : []),
  ]);
  await zipToStore(store, target, issuedFiles(store, files));
}

/** The issued files in manifest order, read a few ahead so the store's round trips overlap. */
async function* issuedFiles(store: ObjectStore, files: readonly { name: string; key: string; date: string }[]): AsyncGenerator<ZipEntry> {
  // A small read-ahead window keeps the zip in manifest order without holding every PDF.
  const window = 8;
  const pending: Promise<Uint8Array | undefined>[] = [];
  let next = 0;
  const fill = () => {
    while (pending.length < window && next < files.length) {
      const f = files[next++];
      if (!f) continue;
      const read = store.get(f.key);
      // If the zip fails part-way, reads still in the window must not end as unhandled rejections.
      read.catch(() => undefined);
      pending.push(read);
    }
  };
  for (const f of files) {
    fill();
    const bytes = await pending.shift();
    if (!bytes) throw new Error(`issued invoice missing from the store: ${f.name}`);
    yield { name: f.name, bytes, date: f.date };
  }
}

/**
 * The dead-letter path: a chunk that failed on every delivery fails its batch, with the reason.
 * @example await failInvoiceBatch(deps, 'acme', batchId, new Error('…'))
 */
export async function failInvoiceBatch(deps: InvoiceBatchDeps, tenant: string, id: string, error: unknown): Promise<void> {
  const status = await readJson<JobStatus>(deps.store, statusKey(tenant, KIND, id));
  if (!status || status.state === 'done' || status.state === 'failed') return;
  logger.error('invoice batch failed on every retry', { error: error as Error });
  await fail(deps, tenant, status, [
    problem(
      UPLOAD_NAME,
      0,
      '',
      '',
      '再試行しても処理できない部分があったため、バッチを中止しました。発行済みの請求書はそのまま有効です',
      'part of the batch failed on every retry; the batch stopped (invoices already issued stay valid)',
    ),
  ]);
}

export const loadInvoiceBatchStatus = (store: ObjectStore, tenant: string, id: string) => loadStatus(store, tenant, KIND, id);
