/**
 * What the 消込 pane does to the workbook, apart from the buttons: run a match (read → worker →
 * result sheet), apply the automatic matches, confirm the suggestions the user selected. Each
 * takes Excel.run as a parameter so tests drive it with office-addin-mock.
 */
import type { IsoDate } from '../../core/dates/calendar.js';
import { InputError } from '../../core/errors.js';
import { type JournalFormat, journalFileName, journalTable, writeJournal } from '../../core/journal/formats.js';
import { journalCustomers, reconcileJournal } from '../../core/journal/reconcile.js';
import { RECONCILE_JOURNAL_SHEET } from '../../core/sheet-functions/payroll.js';
import {
  CLEARED,
  clearingStatuses,
  confirmSuggestion,
  type Decision,
  type Learned,
  learnedToRows,
  learnFrom,
  RECONCILE_COLUMNS,
  RESULT_SHEET,
} from '../../core/reconcile/index.js';
import { type JournalCustomerRow, type ReconcileJobInput, type ReconcileJobOutput, STATUS_COLUMN } from './reconcile-job.js';
import type { SheetTable } from './sheet-table.js';
import {
  markOpenItems,
  markResultRows,
  parseRangeRef,
  type RangeRef,
  rangeRefText,
  readLearnedSheet,
  readTables,
  selectedRows,
  writeLearnedSheet,
  writeResultSheet,
  writeTableSheet,
} from './workbook.js';

export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
/** Runs the job (in the Web Worker in the taskpane, directly in tests). */
export type JobRunner = (input: ReconcileJobInput, progress: (share: number) => void) => Promise<ReconcileJobOutput>;

export { RESULT_SHEET };

export interface ReconcileRequest {
  /** A range such as 入金明細!A1:H1001, or a file dropped on the pane. */
  readonly statement: { readonly range: string } | { readonly file: { readonly name: string; readonly bytes: Uint8Array } };
  readonly openItems: string;
  readonly maxCombination?: number | undefined;
  /** Today in Tokyo, from the pane's clock: a 全銀 file's two-digit years are read against it. */
  readonly today: IsoDate;
}

/** The last run, kept by the pane for 反映 and 確定. */
export interface ReconcileState {
  /** The open items' range; grown by the 消込状態 column when 反映 or 確定 adds it (the pane shows it). */
  openItems: string;
  readonly decisions: readonly Decision[];
  readonly openAmounts: ReadonlyMap<string, number>;
  /** The open items' invoices and customers, for the 仕訳. */
  readonly customers: readonly JournalCustomerRow[];
  learned: Learned;
  /** Decisions already applied or confirmed: pressing again neither marks nor learns them twice; the 仕訳 books them. */
  readonly settled: Set<Decision>;
}

export type Phase = 'reading' | 'matching' | 'writing';

/**
 * Reads the ranges, runs the job, writes the result sheet.
 * @example const { output, state } = await runReconcile(Excel.run, { statement: { range: '入金明細' }, openItems: '請求残' }, runner, onPhase)
 */
export async function runReconcile(
  run: ExcelRun,
  request: ReconcileRequest,
  runner: JobRunner,
  onPhase: (phase: Phase, share: number) => void,
): Promise<{ output: ReconcileJobOutput; state?: ReconcileState }> {
  onPhase('reading', 0);
  const { statement, openItems, learned } = await run(async (context) => {
    const refs = 'range' in request.statement ? [parseRangeRef(request.statement.range)] : [];
    const tables = await readTables(context, [...refs, parseRangeRef(request.openItems)]);
    const learnedTable = await readLearnedSheet(context);
    const open = tables[tables.length - 1] as SheetTable;
    return { statement: refs.length > 0 ? tables[0] : undefined, openItems: open, learned: learnedTable };
  });
  onPhase('matching', 0);
  const input: ReconcileJobInput = {
    statement:
      'file' in request.statement
        ? { kind: 'file', name: request.statement.file.name, bytes: request.statement.file.bytes }
        : { kind: 'sheet', table: statement as SheetTable },
    openItems,
    learned,
    maxCombination: request.maxCombination,
    today: request.today,
  };
  const output = await runner(input, (share) => onPhase('matching', share));
  if (!output.ok) return { output };
  onPhase('writing', 0);
  await run((context) => writeResultSheet(context, RESULT_SHEET, output.rows, output.statuses));
  onPhase('writing', 1);
  return {
    output,
    state: {
      openItems: request.openItems,
      decisions: output.decisions,
      openAmounts: new Map(output.openAmounts),
      customers: output.customers,
      learned: output.learned,
      settled: new Set(),
    },
  };
}

/**
 * Writes 消込済 for every automatic match (一部入金（残N円） where it leaves part of the invoice
 * open: core's clearingStatuses, which the next run reads back) and learns from them.
 * @returns how many open items were marked
 * @example await applyAutomatic(Excel.run, state) // 812
 */
export async function applyAutomatic(run: ExcelRun, state: ReconcileState): Promise<number> {
  const auto = state.decisions.filter((d) => d.status === 'auto' && !state.settled.has(d));
  if (auto.length === 0) return 0;
  const learned = learnFrom(state.learned, auto);
  const rows = auto.map((d) => state.decisions.indexOf(d) + 2);
  const { marked, grown } = await run(async (context) => {
    const done = await markOpenItems(context, parseRangeRef(state.openItems), clearingStatuses(auto, state.openAmounts));
    await markResultRows(context, RESULT_SHEET, rows, RECONCILE_COLUMNS.length, STATUS_COLUMN, CLEARED);
    await writeLearnedSheet(context, learnedToRows(learned));
    return done;
  });
  // Only once the workbook holds them: a write that failed (cell-edit mode) leaves them to press again.
  settle(state, auto, learned, grown);
  return marked;
}

/** What 反映 or 確定 wrote, kept: the decisions settled, the table learned, the range grown. */
function settle(state: ReconcileState, decisions: readonly Decision[], learned: Learned, grown: RangeRef | undefined): void {
  for (const d of decisions) state.settled.add(d);
  state.learned = learned;
  if (grown) state.openItems = rangeRefText(grown);
}

/**
 * Confirms the suggestions on the rows the user selected in the result sheet: 消込済 on their
 * invoices, the rows marked, the payer learned (so the next run matches it by itself).
 * @returns the decisions confirmed ([] when nothing suitable is selected)
 * @example (await confirmSelected(Excel.run, state)).length // 2
 */
export async function confirmSelected(run: ExcelRun, state: ReconcileState): Promise<Decision[]> {
  const done = await run(async (context) => {
    const rows = await selectedRows(context, RESULT_SHEET);
    const chosen = rows
      .map((row) => ({ row, decision: state.decisions[row - 2] }))
      .filter(
        (x): x is { row: number; decision: Decision } =>
          x.decision !== undefined && x.decision.allocations.length > 0 && !state.settled.has(x.decision),
      );
    if (chosen.length === 0) return undefined;
    const decisions = chosen.map((x) => x.decision);
    const learned = decisions.reduce((l, d) => confirmSuggestion(l, d), state.learned);
    const { grown } = await markOpenItems(context, parseRangeRef(state.openItems), clearingStatuses(decisions, state.openAmounts));
    await markResultRows(
      context,
      RESULT_SHEET,
      chosen.map((x) => x.row),
      RECONCILE_COLUMNS.length,
      STATUS_COLUMN,
      CLEARED,
    );
    await writeLearnedSheet(context, learnedToRows(learned));
    return { decisions, learned, grown };
  });
  if (!done) return [];
  // Kept only once the workbook holds them, as 反映 does.
  settle(state, done.decisions, done.learned, done.grown);
  return done.decisions;
}

/**
 * The 仕訳 of the last run's applied deposits, as `urakata reconcile --journal` writes them with
 * the default accounts: the sheet 仕訳_消込 (one row per line, 借方/貸方) and the file in the chosen
 * import format. Applied are the automatic matches and the suggestions confirmed in the pane (the
 * rows `--confirm` makes automatic on the CLI). Nothing is written when none is applied
 * (entries 0); a name a Shift_JIS format cannot hold is thrown as an InputError, before the sheet
 * is written.
 * @example const { sheet, name, bytes } = await buildReconcileJournal(Excel.run, state, 'mf')
 */
export async function buildReconcileJournal(
  run: ExcelRun,
  state: ReconcileState,
  format: JournalFormat,
): Promise<{ sheet: string; name: string; bytes: Uint8Array; entries: number }> {
  const sheet = RECONCILE_JOURNAL_SHEET;
  const name = journalFileName(sheet, format);
  const applied = state.decisions.map((d) => (state.settled.has(d) ? { ...d, status: 'auto' as const } : d));
  const entries = reconcileJournal(applied, journalCustomers(state.customers));
  if (entries.length === 0) return { sheet, name, bytes: new Uint8Array(), entries: 0 };
  const file = writeJournal(entries, format, name);
  if (!file.data) throw new InputError(file.problems);
  await run((context) => writeTableSheet(context, sheet, journalTable(entries, 'ja')));
  return { sheet, name, bytes: file.data, entries: entries.length };
}
