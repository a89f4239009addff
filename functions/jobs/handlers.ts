/** The reconcile-job, payroll-run and year-end-run handlers, as the API and the worker see them, and what each kind of run is. */
import type { IsoDate } from '../../core/dates/calendar.js';
import type { Problem } from '../../core/errors.js';
import type { PdfFontBytes } from '../../core/pdf/document.js';
import type { JobKind } from '../keys.js';
import type { ObjectStore } from '../store.js';

export type RunKind = Exclude<JobKind, 'invoice-batches'>;

export interface JobHandlers {
  create(kind: RunKind, tenant: string, body: unknown): Promise<unknown>;
  status(kind: RunKind, tenant: string, id: string): Promise<unknown>;
  onUpload(kind: RunKind, tenant: string, id: string): Promise<void>;
  fail(kind: RunKind, tenant: string, id: string, error: unknown): Promise<void>;
}

/** A run's request as kept in `request.json`: the byte size of each upload, and whatever else the kind needs. */
export interface RunRequest {
  readonly files: Readonly<Record<string, number>>;
}

export interface RunInputs<R extends RunRequest = RunRequest> {
  /** The uploads, by request field. */
  readonly files: Readonly<Record<string, Uint8Array>>;
  readonly request: R;
  readonly store: ObjectStore;
  readonly tenant: string;
  readonly fonts: () => PdfFontBytes;
  /** The Tokyo day the run started (core has no clock): a 全銀 statement's two-digit years are read against it. */
  readonly today: IsoDate;
}

/** A result file: its bytes, or a writer that streams it to its key (a zip). */
export type RunOutput = Uint8Array | string | ((store: ObjectStore, key: string) => Promise<void>);

export interface Outcome {
  readonly problems: Problem[];
  readonly outputs: Readonly<Record<string, RunOutput>>;
  readonly counts: Readonly<Record<string, number>>;
  /** Whether the run failed; by default, when any problem is an error (a run that keeps its good rows says otherwise). */
  readonly failed?: boolean;
}

/** What one kind of run takes and gives. */
/** What one run may take in: the largest upload, and what a run reads from the tenant's files besides. */
export interface RunLimits {
  readonly maxUploadBytes: number;
}

export interface RunSpec<R extends RunRequest = RunRequest> {
  /** Upload slots: request field → file name in S3. A slot the request gave no size for is not uploaded. */
  readonly uploads: Readonly<Record<string, string>>;
  /** Result file → the status field carrying its download link. */
  readonly results: Readonly<Record<string, string>>;
  /** The field of the POST answer that carries the id (default `jobId`). */
  readonly idField?: string;
  /**
   * The POST body checked, and anything it names looked up, before an upload URL is issued: the
   * request to keep, the run's id and what the answer says besides.
   */
  prepare(
    store: ObjectStore,
    tenant: string,
    body: unknown,
    limits: RunLimits,
  ): Promise<{ request: R; id: string; answer?: Record<string, unknown> }>;
  run(inputs: RunInputs<R>): Outcome | Promise<Outcome>;
}
