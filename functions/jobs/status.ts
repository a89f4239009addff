/**
 * Job status documents (`status.json`), shared by invoice batches, reconcile jobs, payroll runs
 * and year-end runs.
 */
import type { JobState } from '../../core/api/job-status.js';
import { errorsCsv } from '../../core/csv/errors-csv.js';
import { isError, type Problem, problem } from '../../core/errors.js';
import { ApiError, notFoundError } from '../errors.js';
import { isJobId, type JobKind, jobKey } from '../keys.js';
import { jobEnded } from '../metrics.js';
import type { ObjectStore } from '../store.js';

export interface Reason {
  readonly message_ja: string;
  readonly message_en: string;
}

export interface JobStatus {
  readonly id: string;
  readonly kind: JobKind;
  /** The API's states, as its clients read them (core/api/job-status.ts). */
  readonly state: JobState;
  readonly created_at: string;
  readonly updated_at: string;
  readonly counts?: Readonly<Record<string, number>>;
  readonly reasons?: readonly Reason[];
  /** A payroll run that carries a year-end settlement: the year-end run it came from. */
  readonly year_end_run?: string;
}

const decoder = new TextDecoder();

export async function readJson<T>(store: ObjectStore, key: string): Promise<T | undefined> {
  const bytes = await store.get(key);
  return bytes ? (JSON.parse(decoder.decode(bytes)) as T) : undefined;
}

export const putJson = (store: ObjectStore, key: string, value: unknown): Promise<void> =>
  store.put(key, JSON.stringify(value), { contentType: 'application/json' });

export const statusKey = (tenant: string, kind: JobKind, id: string): string => jobKey(tenant, kind, id, 'status.json');

/** A job's status, 404 when the id is malformed or belongs to no job of this tenant. */
export async function loadStatus(store: ObjectStore, tenant: string, kind: JobKind, id: string): Promise<JobStatus> {
  if (!isJobId(id, kind)) throw notFoundError();
  const status = await readJson<JobStatus>(store, statusKey(tenant, kind, id));
  if (!status) throw notFoundError();
  return status;
}

/** A job's status while it is still to finish; none once it is done or failed (or never was). */
export async function unfinishedStatus(store: ObjectStore, tenant: string, kind: JobKind, id: string): Promise<JobStatus | undefined> {
  const status = await readJson<JobStatus>(store, statusKey(tenant, kind, id));
  return !status || status.state === 'done' || status.state === 'failed' ? undefined : status;
}

/** A job's errors.csv (core's layout), written beside its results. */
export const putErrorsCsv = (store: ObjectStore, tenant: string, status: JobStatus, problems: readonly Problem[]): Promise<void> =>
  store.put(jobKey(tenant, status.kind, status.id, 'errors.csv'), errorsCsv(problems), { contentType: 'text/csv; charset=utf-8' });

/** Ends a job `failed`: errors.csv says why, the status gives the reasons (the errors' messages). */
export async function failJob(store: ObjectStore, tenant: string, status: JobStatus, problems: readonly Problem[]): Promise<void> {
  await putErrorsCsv(store, tenant, status, problems);
  await writeStatus(store, tenant, status, {
    state: 'failed',
    reasons: problems.filter(isError).map((p) => ({ message_ja: p.message_ja, message_en: p.message_en })),
  });
}

/** Every job's status changes here, so a job that ends (`done`, `failed`) is counted here too. */
export async function writeStatus(
  store: ObjectStore,
  tenant: string,
  previous: JobStatus,
  change: Partial<Pick<JobStatus, 'state' | 'counts' | 'reasons' | 'year_end_run'>>,
): Promise<JobStatus> {
  const next: JobStatus = { ...previous, ...change, updated_at: new Date().toISOString() };
  const key = statusKey(tenant, previous.kind, previous.id);
  const ends = change.state === 'done' || change.state === 'failed';
  // A job ends once: its status written again in the state it ended in (a failed batch recorded
  // again when a late chunk ends, by a caller holding the status from before) is not counted again.
  const before = ends ? (await readJson<JobStatus>(store, key).catch(() => undefined))?.state : undefined;
  await putJson(store, key, next);
  if (ends && before !== change.state) jobEnded(next.kind, change.state as 'done' | 'failed', next.counts);
  return next;
}

export const tooLarge = (max: number): ApiError =>
  new ApiError(
    413,
    'too_large',
    `ファイルが大きすぎます（上限 ${max.toLocaleString('en')} バイト）`,
    `file too large (limit ${max.toLocaleString('en')} bytes)`,
  );

/** An uploaded file larger than its job allows, as errors.csv names it. */
export function uploadTooLarge(name: string, size: number, max: number): Problem {
  const e = tooLarge(max);
  return problem(name, 0, '', String(size), e.message_ja, e.message_en);
}
