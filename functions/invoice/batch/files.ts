/**
 * What every step of an invoice batch shares: its dependencies, and the files it keeps under
 * `tenants/{tenant}/invoice-batches/{id}/` — `request.json`, `plan.json`, `plan-problems.json`,
 * `chunks/{n}.json`, `results/{n}.json`, then `manifest.json`, `errors.csv`, `invoices.zip`,
 * `journal.csv` — beside its status.
 */
import { randomUUID } from 'node:crypto';
import type { Problem } from '../../../core/errors.js';
import type { Invoice, ManifestEntry } from '../../../core/invoice/index.js';
import type { PdfFontBytes } from '../../../core/pdf/document.js';
import type { WorkQueue } from '../../queue.js';
import type { ObjectStore } from '../../store.js';
import { type JobStatus, unfinishedStatus } from '../../jobs/status.js';
import { jobKey } from '../../keys.js';

export const KIND = 'invoice-batches' as const;
/** The uploaded file's name: the file its problems name. */
export const UPLOAD_NAME = 'lines.csv';

export interface InvoiceBatchDeps {
  readonly store: ObjectStore;
  readonly queue: WorkQueue;
  readonly fonts: () => PdfFontBytes;
  /** Invoices per chunk (one queue message each). */
  readonly chunkSize?: number;
  readonly maxUploadBytes?: number;
  /** Invoices one batch may hold (default {@link MAX_BATCH_INVOICES}). */
  readonly maxBatchInvoices?: number;
  /** Replaceable in tests (a renderer that fails once); defaults to core's invoicePdf. */
  readonly renderPdf?: (invoice: Invoice, fonts: PdfFontBytes) => Promise<Uint8Array>;
  /** Days an issued invoice (PDF, XML) is kept under S3 Object Lock; none when undefined. */
  readonly retentionDays?: number;
  /** Who holds the leases this process takes (default: one id per process); a restarted local stack is a new holder. */
  readonly instance?: string;
}

/**
 * The most invoices one batch issues. Its finalize step is one worker call (5 minutes) that reads
 * every chunk's result and every PDF from the store, eight at a time, into the zip: at 10–20 ms a
 * read (an estimate for S3 in the region, not measured here), 50,000 invoices take one to two
 * minutes of the five. Past that the call could time out on every delivery after every invoice
 * had been issued and locked; such a file is refused when planned, before anything is issued,
 * to be split.
 */
export const MAX_BATCH_INVOICES = 50_000;

/** This process, as the holder of the chunk leases it takes. */
export const PROCESS_INSTANCE = randomUUID();

/** request.json: the POST's body, as checked. */
export interface BatchRequest {
  readonly size: number;
  readonly issuer: Record<string, unknown>;
  readonly pint: boolean;
  /** The creating request's id: the upload event's work is logged under it. */
  readonly correlation_id?: string;
}

/** plan.json, written once the upload is planned. */
export interface BatchPlan {
  readonly chunks: number;
  readonly invoices: number;
  readonly rejected: number;
}

/** chunks/{n}.json: the invoices one queue message renders. */
export interface ChunkFile {
  readonly invoices: Invoice[];
  readonly firstRows: number[];
}

/** results/{n}.json: what rendering a chunk did. */
export interface ChunkResult {
  readonly entries: ManifestEntry[];
  readonly problems: Problem[];
  /** `rejected`: invoices whose PDF could not be made (absent in results written before it was counted). */
  readonly counts: { issued: number; unchanged: number; conflicts: number; rejected?: number };
}

export const emptyResult = (): ChunkResult => ({
  entries: [],
  problems: [],
  counts: { issued: 0, unchanged: 0, conflicts: 0, rejected: 0 },
});

/**
 * leases/{n}.json: the chunk is being rendered by `holder` until `until` (ISO time). A chunk with
 * no result whose lease has expired, or whose holder is gone, is queued again by recovery.
 */
export interface ChunkLease {
  readonly holder: string;
  readonly until: string;
}

/** How long a chunk's lease lasts: past the worker's timeout (5 min) with room for retries. */
export const LEASE_MS = 15 * 60_000;

/** Adds one result (an invoice's, a chunk's) to another, in order. */
export function addResult(into: ChunkResult, r: ChunkResult): void {
  into.entries.push(...r.entries);
  into.problems.push(...r.problems);
  into.counts.issued += r.counts.issued;
  into.counts.unchanged += r.counts.unchanged;
  into.counts.conflicts += r.counts.conflicts;
  into.counts.rejected = (into.counts.rejected ?? 0) + (r.counts.rejected ?? 0);
}

export const key = (tenant: string, id: string, file: string) => jobKey(tenant, KIND, id, file);

/** How many chunks have a result. */
export async function chunksDone(store: ObjectStore, tenant: string, id: string): Promise<number> {
  let done = 0;
  for await (const _ of store.list(key(tenant, id, 'results/'))) done++;
  return done;
}

/** The batch's status while it is still to finish; none once it is done or failed (or never was). */
export const unfinished = (store: ObjectStore, tenant: string, id: string): Promise<JobStatus | undefined> =>
  unfinishedStatus(store, tenant, KIND, id);
