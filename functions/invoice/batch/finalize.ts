/**
 * The last step of an invoice batch, once every chunk has a result: manifest.json, errors.csv,
 * invoices.zip (streamed from the issued PDFs and XML) and journal.csv (the 仕訳 of the invoices
 * this batch issued), then `done`. Exactly one claimant finalizes, and it may run again after a crash.
 */
import { decodeText } from '../../../core/csv/encoding.js';
import { isError, type Problem, problem } from '../../../core/errors.js';
import { invoiceFileName, type ManifestEntry, manifestEntry } from '../../../core/invoice/index.js';
import type { JournalEntry } from '../../../core/journal/entry.js';
import { invoiceJournal } from '../../../core/journal/invoices.js';
import { journalCsv } from '../../jobs/journal.js';
import { failJob, type JobStatus, putErrorsCsv, putJson, readJson, statusKey, writeStatus } from '../../jobs/status.js';
import { invoiceKey } from '../../keys.js';
import { inLanes } from '../../lanes.js';
import type { ObjectStore } from '../../store.js';
import { type ZipEntry, zipToStore } from '../../zip.js';
import {
  addResult,
  type BatchPlan,
  type ChunkFile,
  type ChunkResult,
  chunksDone,
  emptyResult,
  type InvoiceBatchDeps,
  KIND,
  key,
  UPLOAD_NAME,
} from './files.js';

/**
 * Once every chunk has a result, exactly one claimant (by a conditional write) finalizes. A chunk
 * that ends after its batch failed (it was still issuing when another chunk was dead-lettered)
 * has the failed batch recorded again, its invoices with it: else those it issued after the
 * record was made stay listed as not issued, and a re-upload finds them unchanged and books none.
 */
export async function maybeFinalize(deps: InvoiceBatchDeps, tenant: string, id: string, claimant: number): Promise<void> {
  const plan = await readJson<BatchPlan>(deps.store, key(tenant, id, 'plan.json'));
  if (!plan) return;
  const status = await readJson<JobStatus>(deps.store, statusKey(tenant, KIND, id));
  if (status?.state === 'failed') {
    const reason = status.reasons?.[0];
    await recordFailedBatch(deps, tenant, id, status, problem(UPLOAD_NAME, 0, '', '', reason?.message_ja ?? '', reason?.message_en ?? ''));
    return;
  }
  if ((await chunksDone(deps.store, tenant, id)) < plan.chunks) return;
  await finalizeInvoiceBatch(deps, tenant, id, claimant);
}

/**
 * manifest.json, errors.csv, invoices.zip (streamed: PDFs are fetched a few at a time and piped
 * through the zip into a multipart upload) and journal.csv, then `done`. Safe to run again after a
 * crash: each file is made again from the chunks' results, with the same bytes.
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
  const { entries, problems, counts } = await gather(deps.store, tenant, id, plan, async (n) => {
    throw new Error(`chunk ${n} has no result`);
  });

  await putJson(deps.store, key(tenant, id, 'manifest.json'), entries);
  await putErrorsCsv(deps.store, tenant, status, problems);
  await zipInvoices(deps.store, tenant, entries, key(tenant, id, 'invoices.zip'));
  await deps.store.put(key(tenant, id, 'journal.csv'), await issuedJournal(deps.store, tenant, id, plan.chunks, entries));
  await writeStatus(deps.store, tenant, status, { state: 'done', counts });
}

/**
 * A batch that failed on every retry (dead letter) still writes down what it issued, so every
 * issued invoice is booked once: manifest.json and journal.csv of the invoices it issued, and
 * errors.csv with the reason and each invoice it did not issue, by its row. A chunk without a
 * result is read invoice by invoice: a PDF stored under this batch's id was issued by it (the chunk
 * may have failed after writing it). An invoice not settled so is listed as not issued: uploaded
 * again, it is issued, or found `unchanged` if this batch had issued it after all. No zip.
 * @example await recordFailedBatch(deps, 'acme', batchId, status, reason)
 */
export async function recordFailedBatch(
  deps: InvoiceBatchDeps,
  tenant: string,
  id: string,
  status: JobStatus,
  reason: Problem,
): Promise<void> {
  const plan = await readJson<BatchPlan>(deps.store, key(tenant, id, 'plan.json'));
  if (!plan) return failJob(deps.store, tenant, status, [reason]);
  // A chunk may end while this is written (see maybeFinalize): made again until no chunk result
  // came in meanwhile, so the record last written, by this call or the chunk's, has them all.
  for (let round = 0; round <= plan.chunks; round++) {
    const seen = await chunksDone(deps.store, tenant, id);
    const { entries, problems, counts } = await gather(deps.store, tenant, id, plan, (n, all) =>
      settleUnfinishedChunk(deps.store, tenant, id, n, all),
    );
    await putJson(deps.store, key(tenant, id, 'manifest.json'), entries);
    await deps.store.put(key(tenant, id, 'journal.csv'), await issuedJournal(deps.store, tenant, id, plan.chunks, entries));
    await putErrorsCsv(deps.store, tenant, status, [reason, ...problems]);
    await writeStatus(deps.store, tenant, status, {
      state: 'failed',
      reasons: [{ message_ja: reason.message_ja, message_en: reason.message_en }],
      counts,
    });
    if ((await chunksDone(deps.store, tenant, id)) === seen) return;
  }
}

/**
 * What the batch's chunks did, with the plan's problems, in row order, and the counts its status
 * carries; a chunk without a result goes to `noResult`.
 */
async function gather(
  store: ObjectStore,
  tenant: string,
  id: string,
  plan: BatchPlan,
  noResult: (n: number, into: ChunkResult) => Promise<void>,
): Promise<{ entries: ManifestEntry[]; problems: Problem[]; counts: Record<string, number> }> {
  const all = emptyResult();
  all.problems.push(...((await readJson<Problem[]>(store, key(tenant, id, 'plan-problems.json'))) ?? []));
  for (let n = 0; n < plan.chunks; n++) {
    const r = await readJson<ChunkResult>(store, key(tenant, id, `results/${n}.json`));
    if (r) addResult(all, r);
    else await noResult(n, all);
  }
  const { entries, problems } = all;
  problems.sort((a, b) => a.row - b.row);
  const counts = {
    invoices: plan.invoices,
    issued: all.counts.issued,
    unchanged: all.counts.unchanged,
    rejected: plan.rejected + (all.counts.rejected ?? 0),
    conflicts: all.counts.conflicts,
    warnings: problems.filter((p) => !isError(p)).length,
  };
  return { entries, problems, counts };
}

/**
 * The invoices of a chunk that has no result: issued by this batch (its PDF says so), or listed as
 * not issued. A chunk that never started (no lease: a chunk takes its lease before it issues
 * anything) issued none, and is not looked up invoice by invoice; the PDFs of one that did are
 * looked up a few at a time, as a failed batch is recorded again whenever a late chunk ends.
 */
async function settleUnfinishedChunk(store: ObjectStore, tenant: string, id: string, n: number, into: ChunkResult): Promise<void> {
  const chunk = await readJson<ChunkFile>(store, key(tenant, id, `chunks/${n}.json`));
  if (!chunk) return;
  const started = (await store.head(key(tenant, id, `leases/${n}.json`))) !== undefined;
  const heads = started
    ? await headsOf(
        store,
        chunk.invoices.map((inv) => invoiceKey(tenant, inv.issue_date, inv.invoice_no, 'pdf')),
      )
    : [];
  for (const [i, inv] of chunk.invoices.entries()) {
    const pdf = heads[i];
    const hash = pdf?.metadata.sha256;
    if (pdf && hash && pdf.metadata['batch-id'] === id) {
      const xml = await store.head(invoiceKey(tenant, inv.issue_date, inv.invoice_no, 'xml'));
      into.entries.push(
        manifestEntry(
          inv,
          invoiceFileName(inv.invoice_no, 'pdf'),
          hash,
          xml ? invoiceFileName(inv.invoice_no, 'xml') : undefined,
          'issued',
        ),
      );
      into.counts.issued++;
      continue;
    }
    into.counts.rejected = (into.counts.rejected ?? 0) + 1;
    into.problems.push(
      problem(
        UPLOAD_NAME,
        chunk.firstRows[i] ?? 0,
        'invoice_no',
        inv.invoice_no,
        'バッチが中止されたため、この請求書は発行していません。もう一度アップロードしてください',
        'not issued: the batch stopped before this invoice; upload it again',
      ),
    );
  }
}

/** The heads of `keys`, in their order, eight requests in flight at a time. */
async function headsOf(store: ObjectStore, keys: readonly string[]): Promise<(Awaited<ReturnType<ObjectStore['head']>> | undefined)[]> {
  const out: (Awaited<ReturnType<ObjectStore['head']>> | undefined)[] = new Array(keys.length);
  await inLanes(keys.length, 8, async (i) => {
    out[i] = await store.head(keys[i] as string);
  });
  return out;
}

/**
 * The 仕訳 of the invoices this batch issued — not those it found issued before (`unchanged`:
 * booked by the batch that issued them) — in the order `urakata invoices` books them, as each
 * invoice's last row is read, so the same file gives the journal the CLI writes, byte for byte.
 */
async function issuedJournal(
  store: ObjectStore,
  tenant: string,
  id: string,
  chunks: number,
  entries: readonly ManifestEntry[],
): Promise<Uint8Array> {
  const issued = new Set(entries.filter((e) => e.status === 'issued').map((e) => e.invoice_no));
  const booked: { lastRow: number; entry: JournalEntry }[] = [];
  for (let n = 0; n < chunks && issued.size > 0; n++) {
    const chunk = await readJson<ChunkFile>(store, key(tenant, id, `chunks/${n}.json`));
    if (!chunk) throw new Error(`chunk ${n} is missing`);
    for (const inv of chunk.invoices) {
      if (!issued.has(inv.invoice_no)) continue;
      const lastRow = inv.lines.reduce((last, l) => Math.max(last, l.row), 0);
      for (const entry of invoiceJournal([inv])) booked.push({ lastRow, entry });
    }
  }
  booked.sort((a, b) => a.lastRow - b.lastRow);
  return journalCsv(booked.map((b) => b.entry));
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
