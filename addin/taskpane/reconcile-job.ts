/**
 * One 入金消込 run as the taskpane's Web Worker does it: read the statement (sheet or file:
 * CSV, Shift_JIS, 全銀), the open items and the learned table with core's readers, match with
 * core's engine, and lay the decisions out as core's match table (the columns of the CLI's output
 * and URA.RECONCILE). Pure: no Excel, no DOM.
 */
import type { IsoDate } from '../../core/dates/calendar.js';
import { type Problem, isError } from '../../core/errors.js';
import {
  type Decision,
  EMPTY_LEARNED,
  type Learned,
  type MatchStatus,
  type OpenItem,
  RECONCILE_COLUMNS,
  type ReconcileSummary as CoreSummary,
  readLearned,
  reconcileTable,
} from '../../core/reconcile/index.js';
import { runReconcile } from '../../core/reconcile/run.js';
import { type SheetTable, sheetTableToCsv } from './sheet-table.js';

export type StatementSource =
  | { readonly kind: 'sheet'; readonly table: SheetTable }
  | { readonly kind: 'file'; readonly name: string; readonly bytes: Uint8Array };

export interface ReconcileJobInput {
  readonly statement: StatementSource;
  readonly openItems: SheetTable;
  /** The learned table kept in the workbook (header row first); absent or empty on a first run. */
  readonly learned?: SheetTable | undefined;
  /** Most invoices one deposit may settle (設定). */
  readonly maxCombination?: number | undefined;
  /** Today in Tokyo, from the pane (core has no clock): a 全銀 file's two-digit years are read against it. */
  readonly today: IsoDate;
}

/** core's summary of the decisions, with the statement format that was detected. */
export type ReconcileSummary = CoreSummary & { readonly format: string };

export type ReconcileJobOutput =
  | {
      readonly ok: true;
      /** core's match table: header row first, then one row per deposit. */
      readonly rows: (string | number)[][];
      readonly statuses: MatchStatus[];
      readonly decisions: readonly Decision[];
      readonly learned: Learned;
      /** Open amount of every invoice read, to tell a full clearing (消込済) from a part payment. */
      readonly openAmounts: [string, number][];
      /** Every invoice's customer, for the 補助科目 of 売掛金 in the 仕訳 (core's journalCustomers). */
      readonly customers: JournalCustomerRow[];
      readonly summary: ReconcileSummary;
    }
  | { readonly ok: false; readonly problems: Problem[] };

/** An open item's invoice and customer: what the 仕訳 needs of it (plain, to cross from the worker). */
export type JournalCustomerRow = Pick<OpenItem, 'invoiceId' | 'customerId' | 'customerName'>;

export type Progress = (phase: 'read' | 'match' | 'layout', done: number) => void;

/** Column (0-based) of `status` in the result sheet. */
export const STATUS_COLUMN = RECONCILE_COLUMNS.indexOf('status');

/**
 * Runs the match.
 * @example runReconcileJob({ statement: { kind: 'sheet', table: bank }, openItems, today: '2026-06-30' }).ok // true
 */
export function runReconcileJob(input: ReconcileJobInput, progress: Progress = () => {}): ReconcileJobOutput {
  progress('read', 0);
  const learnedRead =
    input.learned && input.learned.values.length > 1
      ? readLearned(sheetTableToCsv(input.learned), input.learned.name)
      : { learned: EMPTY_LEARNED, problems: [] };
  const statement =
    input.statement.kind === 'file'
      ? { data: input.statement.bytes, file: input.statement.name }
      : { data: sheetTableToCsv(input.statement.table), file: input.statement.table.name };
  progress('read', 1);

  progress('match', 0);
  const run = runReconcile(
    statement,
    { data: sheetTableToCsv(input.openItems), file: input.openItems.name },
    {
      today: input.today,
      learned: learnedRead.learned,
      maxCombination: input.maxCombination,
    },
  );
  const problems = [...run.problems, ...learnedRead.problems].filter(isError);
  if (!run.ok || problems.length > 0) return { ok: false, problems };
  progress('match', 1);

  progress('layout', 0);
  const rows = reconcileTable(run.decisions);
  const statuses = run.decisions.map((d) => d.status);
  progress('layout', 1);
  return {
    ok: true,
    rows,
    statuses,
    decisions: run.decisions,
    learned: learnedRead.learned,
    openAmounts: run.openItems.map((i) => [i.invoiceId, i.amount]),
    customers: run.openItems.map((i) => ({ invoiceId: i.invoiceId, customerId: i.customerId, customerName: i.customerName })),
    summary: { ...run.summary, format: run.format },
  };
}
