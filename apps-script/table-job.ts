/**
 * A result table written to a sheet across as many executions as it takes. Apps Script stops a
 * run after 6 minutes, and writing tens of thousands of rows is what costs the time, so each
 * execution writes whole chunks until its budget is spent and saves a cursor in the document's
 * properties; the sidebar calls again until done. Closing the sidebar loses nothing: the next
 * sidebar sees the job and resumes it.
 *
 * Each execution recomputes the table from the same input ranges (the core is deterministic and
 * fast next to sheet I/O) instead of carrying a large state between executions. A fingerprint of
 * the inputs, taken when the job starts, guards against the ranges being edited mid-job: a half
 * written from old inputs and half from new ones would be silently wrong.
 */
import type { Matrix } from '../core/functions/cells.js';
import { InputError, formatProblem } from '../core/errors.js';
import { gas, type Sheet } from './gas.js';
import { existingSheet, freshSheet, readRange, writeRows } from './sheet-io.js';

/** Rows per setValues call: large enough to be fast, small enough to leave time to save the cursor. */
export const CHUNK_ROWS = 5000;
/** Work budget per execution, well inside Apps Script's 6-minute limit (reading + computing come first). */
export const DEFAULT_BUDGET_MS = 240_000;

export interface JobKind {
  /** Labels of the input ranges, in the order `compute` takes them. */
  readonly inputs: readonly string[];
  readonly compute: (inputs: readonly Matrix[], options: Readonly<Record<string, string>>) => Matrix;
  readonly sheetName: (options: Readonly<Record<string, string>>) => string;
}

interface JobState {
  readonly kind: string;
  readonly id: string;
  readonly ranges: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly sheet: string;
  readonly fingerprint: string;
  cursor: number;
  total: number;
}

export interface JobView {
  readonly kind: string;
  readonly id: string;
  readonly sheet: string;
  readonly written: number;
  readonly total: number;
  readonly done: boolean;
  readonly ranges: readonly string[];
}

const propertyKey = (kind: string) => `urakata.job.${kind}`;

function load(kind: string): JobState | undefined {
  const raw = gas().PropertiesService.getDocumentProperties().getProperty(propertyKey(kind));
  return raw ? (JSON.parse(raw) as JobState) : undefined;
}

function save(job: JobState): void {
  gas().PropertiesService.getDocumentProperties().setProperty(propertyKey(job.kind), JSON.stringify(job));
}

function forget(kind: string): void {
  gas().PropertiesService.getDocumentProperties().deleteProperty(propertyKey(kind));
}

const view = (job: JobState, done: boolean): JobView => ({
  kind: job.kind,
  id: job.id,
  sheet: job.sheet,
  written: job.cursor,
  total: job.total,
  done,
  ranges: job.ranges,
});

/** FNV-1a over the values: a change detector, not a security measure. */
export function fingerprint(inputs: readonly Matrix[]): string {
  let h = 0x811c9dc5;
  const text = JSON.stringify(inputs);
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return `${h.toString(16)}-${text.length}`;
}

/** Core problems as one thrown Error the sidebar lists line by line (every problem, not the first). */
function computeOrExplain(kind: JobKind, inputs: readonly Matrix[], options: Readonly<Record<string, string>>): Matrix {
  try {
    return kind.compute(inputs, options);
  } catch (e) {
    if (e instanceof InputError) throw new Error(e.problems.map(formatProblem).join('\n'));
    throw e;
  }
}

/**
 * Starts a job: reads and computes once (bad input is rejected before anything is written), then
 * writes as much as the budget allows, so a small table is done in this one call.
 * @example startJob(KINDS, 'reconcile', ["'入金明細'!A1:F50001", "'請求残高'!A1:J9000"], {})
 */
export function startJob(
  kinds: Readonly<Record<string, JobKind>>,
  kindName: string,
  ranges: readonly string[],
  options: Record<string, string>,
  budgetMs = DEFAULT_BUDGET_MS,
): JobView {
  const started = Date.now();
  const kind = kinds[kindName];
  if (!kind) throw new Error(`不明な処理「${kindName}」/ unknown job ${kindName}`);
  if (ranges.length !== kind.inputs.length || ranges.some((r) => !r)) {
    throw new Error(`範囲を選んでください: ${kind.inputs.join('、')} / pick the ranges first`);
  }
  const inputs = ranges.map((a1, i) => readRange(a1, kind.inputs[i] ?? ''));
  const table = computeOrExplain(kind, inputs, options);
  const job: JobState = {
    kind: kindName,
    id: `${kindName}-${Date.now().toString(36)}`,
    ranges,
    options,
    sheet: kind.sheetName(options),
    fingerprint: fingerprint(inputs),
    cursor: 0,
    total: table.length,
  };
  save(job);
  return writeChunks(job, table, freshSheet(job.sheet), started, budgetMs);
}

/**
 * Continues the saved job: recomputes from the same ranges and writes on from the cursor.
 * @example stepJob(KINDS, 'reconcile') // → { written: 15000, total: 50001, done: false, … }
 */
export function stepJob(kinds: Readonly<Record<string, JobKind>>, kindName: string, budgetMs = DEFAULT_BUDGET_MS): JobView {
  const started = Date.now();
  const kind = kinds[kindName];
  const job = load(kindName);
  if (!kind || !job) throw new Error('再開できる処理がありません / there is no job to resume');
  const inputs = job.ranges.map((a1, i) => readRange(a1, kind.inputs[i] ?? ''));
  if (fingerprint(inputs) !== job.fingerprint) {
    forget(kindName);
    throw new Error('処理中に入力範囲が変更されました。最初からやり直してください / the input ranges changed during the job: start again');
  }
  return writeChunks(job, computeOrExplain(kind, inputs, job.options), existingSheet(job.sheet), started, budgetMs);
}

/** Whole chunks until the budget is spent, at least one per call so every call progresses. */
function writeChunks(job: JobState, table: Matrix, sheet: Sheet, started: number, budgetMs: number): JobView {
  do {
    const chunk = table.slice(job.cursor, job.cursor + CHUNK_ROWS);
    writeRows(sheet, job.cursor + 1, chunk);
    job.cursor += chunk.length;
    // Saved after every chunk: an execution killed at 6 minutes resumes from the last whole chunk.
    save(job);
  } while (job.cursor < table.length && Date.now() - started < budgetMs);
  const done = job.cursor >= table.length;
  if (done) {
    sheet.setFrozenRows(1);
    forget(job.kind);
  }
  return view(job, done);
}

/** The unfinished job of this kind, for the sidebar to offer 「再開」. */
export function pendingJob(kindName: string): JobView | null {
  const job = load(kindName);
  return job ? view(job, false) : null;
}

export function cancelJob(kindName: string): void {
  forget(kindName);
}
