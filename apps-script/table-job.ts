/**
 * A result table written to a sheet across as many executions as it takes. Apps Script stops a
 * run after 6 minutes, and writing tens of thousands of rows is what costs the time, so each
 * execution writes whole chunks until its budget is spent and saves a cursor in the document's
 * properties; the sidebar calls again until done. Closing the sidebar loses nothing: the next
 * sidebar sees the job and resumes it.
 *
 * The table is computed once, when the job starts, and kept until it is written in a hidden sheet
 * (JSON in pieces, one cell each): a 50,000-line 消込 takes seconds to compute, and recomputing it
 * in every execution would also let an edit of the inputs mid-job mix old and new results. The
 * sheet therefore shows the inputs as they were when the job started.
 */
import type { Matrix } from '../core/sheet-functions/cells.js';
import { explainError } from '../core/errors.js';
import { gas, type Sheet } from './gas.js';
import { existingSheet, freshSheet, readRange, writeRows } from './sheet-io.js';

/** Rows per setValues call: large enough to be fast, small enough to leave time to save the cursor. */
export const CHUNK_ROWS = 5000;
/** Work budget per execution, well inside Apps Script's 6-minute limit (reading + computing come first). */
export const DEFAULT_BUDGET_MS = 240_000;
/** Characters of JSON per state cell (a Sheets cell holds at most 50,000). */
const PIECE = 40_000;
/**
 * Starts every stored piece: text that Sheets keeps as text (a piece such as `123,4` would be
 * read as a number, one starting with `=` as a formula).
 */
const PIECE_MARK = '~';

export interface JobKind {
  /** Labels of the input ranges, in the order `compute` takes them. */
  readonly inputs: readonly string[];
  readonly compute: (inputs: readonly Matrix[], options: Readonly<Record<string, string>>) => Matrix;
  readonly sheetName: (options: Readonly<Record<string, string>>) => string;
  /** Counts to show when done (e.g. 消込 rows per status), from the computed table. */
  readonly summarize?: (table: Matrix) => Readonly<Record<string, number>>;
}

interface JobState {
  readonly kind: string;
  readonly id: string;
  readonly ranges: readonly string[];
  readonly options: Readonly<Record<string, string>>;
  readonly sheet: string;
  /** Hidden sheet holding the computed table until it is written. */
  readonly stateSheet: string;
  readonly pieces: number;
  cursor: number;
  readonly total: number;
  readonly summary: Readonly<Record<string, number>>;
}

export interface JobView {
  readonly kind: string;
  readonly id: string;
  readonly sheet: string;
  readonly written: number;
  readonly total: number;
  readonly done: boolean;
  readonly ranges: readonly string[];
  readonly summary: Readonly<Record<string, number>>;
}

const propertyKey = (kind: string) => `urakata.job.${kind}`;
const stateSheetName = (kind: string) => `_urakata_${kind}`;

function load(kind: string): JobState | undefined {
  const raw = gas().PropertiesService.getDocumentProperties().getProperty(propertyKey(kind));
  return raw ? (JSON.parse(raw) as JobState) : undefined;
}

function save(job: JobState): void {
  gas().PropertiesService.getDocumentProperties().setProperty(propertyKey(job.kind), JSON.stringify(job));
}

function forget(kind: string): void {
  gas().PropertiesService.getDocumentProperties().deleteProperty(propertyKey(kind));
  const book = gas().SpreadsheetApp.getActiveSpreadsheet();
  const state = book.getSheetByName(stateSheetName(kind));
  if (state) book.deleteSheet(state);
}

const view = (job: JobState, done: boolean): JobView => ({
  kind: job.kind,
  id: job.id,
  sheet: job.sheet,
  written: job.cursor,
  total: job.total,
  done,
  ranges: job.ranges,
  summary: job.summary ?? {},
});

/** Core problems as one thrown Error the sidebar lists line by line (every problem, not the first). */
function computeOrExplain(kind: JobKind, inputs: readonly Matrix[], options: Readonly<Record<string, string>>): Matrix {
  try {
    return kind.compute(inputs, options);
  } catch (e) {
    throw explainError(e);
  }
}

/** Stores the table in the job's hidden sheet; returns the number of pieces. */
function keep(kindName: string, table: Matrix): number {
  const json = JSON.stringify(table);
  const pieces: string[][] = [];
  for (let at = 0; at < json.length; at += PIECE) pieces.push([PIECE_MARK + json.slice(at, at + PIECE)]);
  const sheet = freshSheet(stateSheetName(kindName));
  sheet.hideSheet();
  // Written raw: pieces are JSON, which the formula guard of writeRows would alter.
  sheet.getRange(1, 1, pieces.length, 1).setValues(pieces);
  return pieces.length;
}

function kept(job: JobState): Matrix {
  const cells = existingSheet(job.stateSheet).getRange(1, 1, job.pieces, 1).getValues();
  return JSON.parse(cells.map(([c]) => String(c).slice(PIECE_MARK.length)).join('')) as Matrix;
}

/**
 * Starts a job: reads and computes (bad input is rejected before anything is written), keeps the
 * table, then writes as much as the budget allows, so a small table is done in this one call.
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
  return beginJob(kindName, kind, computeOrExplain(kind, inputs, options), ranges, options, started, budgetMs);
}

/**
 * Starts writing a table computed elsewhere (e.g. by the API for a very large 消込) as a job of
 * this kind: kept, then written in chunks like any other.
 * @example beginJob('reconcile', KINDS.reconcile, table, ranges, {}, Date.now())
 */
export function beginJob(
  kindName: string,
  kind: JobKind,
  table: Matrix,
  ranges: readonly string[],
  options: Readonly<Record<string, string>>,
  started: number,
  budgetMs = DEFAULT_BUDGET_MS,
): JobView {
  forget(kindName);
  const job: JobState = {
    kind: kindName,
    id: `${kindName}-${Date.now().toString(36)}`,
    ranges,
    options,
    sheet: kind.sheetName(options),
    stateSheet: stateSheetName(kindName),
    pieces: keep(kindName, table),
    cursor: 0,
    total: table.length,
    summary: kind.summarize?.(table) ?? {},
  };
  save(job);
  return writeChunks(job, table, freshSheet(job.sheet), started, budgetMs);
}

/**
 * Continues the saved job from its cursor with the table kept when it started.
 * @example stepJob('reconcile') // → { written: 15000, total: 50001, done: false, … }
 */
export function stepJob(kindName: string, budgetMs = DEFAULT_BUDGET_MS): JobView {
  const started = Date.now();
  const job = load(kindName);
  if (!job) throw new Error('再開できる処理がありません / there is no job to resume');
  return writeChunks(job, kept(job), existingSheet(job.sheet), started, budgetMs);
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
