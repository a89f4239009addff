/**
 * Metrics, written as CloudWatch embedded metric format (EMF) lines to stdout by Powertools:
 * CloudWatch Logs turns them into metrics in the `Urakata` namespace with the one dimension
 * `service` = `urakata` — no API call, no IAM permission. They are recorded only inside a Lambda
 * invocation ({@link withMetrics}), which flushes them once at its end; `urakata serve` and any
 * code called outside an invocation record nothing, and tests run with POWERTOOLS_METRICS_DISABLED.
 */
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { JobKind } from './keys.js';

const metrics = new Metrics({ namespace: 'Urakata', serviceName: 'urakata' });

let recording = false;

function add(name: string, unit: (typeof MetricUnit)[keyof typeof MetricUnit], value: number): void {
  if (recording) metrics.addMetric(name, unit, value);
}

/**
 * Runs one Lambda invocation's work with metrics recorded, and publishes them once when it ends,
 * thrown or not (nothing is written when nothing was recorded).
 * @example export const handler = (event) => withMetrics(() => work(event));
 */
export async function withMetrics<T>(fn: () => Promise<T>): Promise<T> {
  recording = true;
  try {
    return await fn();
  } finally {
    recording = false;
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
  }
}

const JOB_METRIC: Readonly<Record<JobKind, string>> = {
  'invoice-batches': 'InvoiceBatches',
  'reconcile-jobs': 'ReconcileJobs',
  'payroll-runs': 'PayrollRuns',
  'year-end-runs': 'YearEndRuns',
};

/**
 * A job that ended, from the status it ended with: `PayrollRunsDone`, `YearEndRunsFailed`, … (1
 * each); a finished invoice batch adds its counts, the same numbers its status answers with.
 * @example jobEnded('invoice-batches', 'done', { issued: 98, rejected: 2 }) // InvoiceBatchesDone 1, InvoicesIssued 98, InvoicesRejected 2, …
 */
export function jobEnded(kind: JobKind, state: 'done' | 'failed', counts: Readonly<Record<string, number>> = {}): void {
  add(`${JOB_METRIC[kind]}${state === 'done' ? 'Done' : 'Failed'}`, MetricUnit.Count, 1);
  if (kind !== 'invoice-batches' || state !== 'done') return;
  add('InvoicesIssued', MetricUnit.Count, counts.issued ?? 0);
  add('InvoicesUnchanged', MetricUnit.Count, counts.unchanged ?? 0);
  add('InvoicesRejected', MetricUnit.Count, counts.rejected ?? 0);
  add('InvoiceConflicts', MetricUnit.Count, counts.conflicts ?? 0);
}

/** How long one invoice chunk took to render and store. */
export const chunkRendered = (ms: number): void => add('ChunkDuration', MetricUnit.Milliseconds, ms);

/** How long a queue message waited between being sent and its first delivery. */
export const queueAge = (ms: number): void => add('QueueAge', MetricUnit.Milliseconds, Math.max(0, ms));
