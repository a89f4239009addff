/**
 * A whole 入金消込 run, as every host runs it — `urakata reconcile`, the Excel pane's worker,
 * RECONCILE in both spreadsheets and the cloud's reconcile jobs: read the statement and the open
 * items, refuse the run when either has an error (every problem listed), match, and lay out the
 * result. The hosts differ only in where the files come from and where the result goes.
 */
import { joinedBytes, type TextInput } from '../csv/encoding.js';
import type { IsoDate } from '../dates/calendar.js';
import { isError, type Problem } from '../errors.js';
import { type BankStatement, readBankStatement } from './bank-statement.js';
import type { Learned } from './learned.js';
import { matchDeposits, type StatementPayers, statementPayers } from './match.js';
import type { OpenItemColumns, OpenItemRows } from './open-item-rows.js';
import { readOpenItemRows } from './open-items.js';
import { decisionRow, type ReconcileSummary, summarize } from './report.js';
import type { Decision, OpenItem } from './types.js';

/** A file's content (bytes as read, or text) and the name its problems give it. */
export interface ReconcileInput {
  readonly data: Uint8Array | string;
  readonly file: string;
}

/** The open-items file as a run reads it: its bytes may also come in chunks (ChunkedBytes). */
export interface OpenItemsInput {
  readonly data: TextInput;
  readonly file: string;
}

export interface ReconcileRunOptions {
  /** The host's today (Tokyo): a 全銀 statement's two-digit years are read against it. */
  readonly today: IsoDate;
  readonly learned?: Learned | undefined;
  /** Largest number of invoices one payment may settle (the engine's default when absent). */
  readonly maxCombination?: number | undefined;
  /** 許容差額 of the run, yen (0 when absent). */
  readonly tolerance?: number | undefined;
}

export type ReconcileRun =
  | { readonly ok: false; readonly problems: readonly Problem[] }
  | {
      readonly ok: true;
      /** Warnings of the inputs (an error refuses the run). */
      readonly problems: readonly Problem[];
      /** The statement's format: `zengin-03`, `csv:mufg` … */
      readonly format: string;
      readonly decisions: readonly Decision[];
      readonly summary: ReconcileSummary;
      /** The open items as read (made when first asked for). */
      readonly openItems: readonly OpenItem[];
    };

/** The open items as a run reads them (readRunOpenItems), which a host may read on another thread. */
export interface RunOpenItems {
  readonly rows: OpenItemRows;
  readonly problems: readonly Problem[];
}

/**
 * The open items as every run reads them: into columns, so 400,000 items are matched without an
 * object each; the objects are made only for a host that reads openItems (the 仕訳's customer
 * names, a pane's open amounts). A host with a second thread reads them there
 * (OpenItemColumns.toData hands them back) while this one reads the statement.
 * @example readRunOpenItems({ data: openCsv, file: 'open.csv' }).rows.length // 400
 */
export function readRunOpenItems(open: OpenItemsInput): { readonly rows: OpenItemColumns; readonly problems: readonly Problem[] } {
  return readOpenItemRows(open.data, open.file);
}

/** A statement as a run reads it: its lines, and its deposits' payer names parsed. */
export interface RunStatement extends BankStatement {
  readonly payers: StatementPayers;
}

/**
 * The statement as every run reads it: a 全銀 statement's two-digit years against the host's
 * today, and the payer names parsed (which needs no open items: a host reading those on another
 * thread has this done meanwhile).
 * @example readRunStatement({ data: bankCsv, file: 'bank.csv' }, '2026-06-30').lines.length // 182
 */
export function readRunStatement(bank: ReconcileInput, today: IsoDate): RunStatement {
  const statement = readBankStatement(bank.data, bank.file, { today });
  return { ...statement, payers: statementPayers(statement.lines) };
}

/**
 * A run from the two files, or from either as already read (readRunStatement, readRunOpenItems).
 * @example runReconcile({ data: bankCsv, file: 'bank.csv' }, { data: openCsv, file: 'open.csv' }, { today: '2026-06-30' }).ok // true
 */
export function runReconcile(
  bank: ReconcileInput | RunStatement,
  open: OpenItemsInput | RunOpenItems,
  options: ReconcileRunOptions,
): ReconcileRun {
  const statement = 'lines' in bank ? bank : readRunStatement(bank, options.today);
  const items = 'rows' in open ? open : readRunOpenItems(open);
  const problems = [...statement.problems, ...items.problems];
  if (problems.some(isError)) return { ok: false, problems };
  const { decisions } = matchDeposits(statement.lines, items.rows, {
    ...(options.learned ? { learned: options.learned } : {}),
    ...(options.maxCombination ? { maxCombination: options.maxCombination } : {}),
    ...(options.tolerance ? { tolerance: options.tolerance } : {}),
    payers: statement.payers,
  });
  let openItems: readonly OpenItem[] | undefined;
  return {
    ok: true,
    problems,
    format: statement.format,
    decisions,
    summary: summarize(decisions),
    get openItems() {
      openItems ??= items.rows.items();
      return openItems;
    },
  };
}

/**
 * The run as JSON (`urakata reconcile --out x.json`, the cloud job's reconcile.json): the format,
 * the summary, and each deposit's row with the invoices it settles and the alternatives.
 * @example JSON.parse(reconcileJson(run)).summary.auto // 182
 */
export function reconcileJson(run: Extract<ReconcileRun, { ok: true }>): string {
  return new TextDecoder().decode(joinedBytes(reconcileJsonPieces(run)));
}

/**
 * reconcileJson's UTF-8 bytes in pieces of about `size` bytes, each its own (safe to keep): the
 * JSON of 200,000 decisions is 160 MB, which made whole (a string, then its bytes) beside the
 * other results had a cloud job at 1.6 GB. Each decision is laid out as JSON.stringify lays it
 * out inside the whole (indent 2, at depth 2), so the pieces joined are byte for byte the whole.
 * @example new TextDecoder().decode(joinedBytes(reconcileJsonPieces(run))) === reconcileJson(run) // true
 */
export function* reconcileJsonPieces(run: Extract<ReconcileRun, { ok: true }>, size = 1 << 20): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  /** `value` as JSON.stringify(…, null, 2) writes it `depth` levels in: each line after the first indented. */
  const nested = (value: unknown, depth: number) => JSON.stringify(value, null, 2).replace(/\n/g, `\n${'  '.repeat(depth)}`);
  let text = `{\n  "format": ${JSON.stringify(run.format)},\n  "summary": ${nested(run.summary, 1)},\n  "decisions": [`;
  const n = run.decisions.length;
  for (let i = 0; i < n; i++) {
    const d = run.decisions[i] as Decision;
    text += `${i === 0 ? '' : ','}\n    ${nested({ ...decisionRow(d), allocations: d.allocations, alternatives: d.alternatives }, 2)}`;
    // UTF-16 units, each at most 3 bytes of UTF-8: a piece of about `size` bytes.
    if (text.length * 3 >= size) {
      yield encoder.encode(text);
      text = '';
    }
  }
  yield encoder.encode(`${text}${n === 0 ? ']' : '\n  ]'}\n}\n`);
}
