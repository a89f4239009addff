/** The reconcile-job and payroll-run handlers, as the API and the worker see them. */
import type { JobKind } from '../keys.js';

export type RunKind = Exclude<JobKind, 'invoice-batches'>;

export interface JobHandlers {
  create(kind: RunKind, tenant: string, body: unknown): Promise<unknown>;
  status(kind: RunKind, tenant: string, id: string): Promise<unknown>;
  onUpload(kind: RunKind, tenant: string, id: string): Promise<void>;
  fail(kind: RunKind, tenant: string, id: string, error: unknown): Promise<void>;
}
