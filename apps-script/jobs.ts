/**
 * The sidebar's server functions for result sheets (消込, 給与): each kind names its input ranges,
 * the core function that turns them into a table, and the sheet it is written to.
 */
import { todayInTokyo } from '../core/dates/calendar.js';
import { payrollOfCells, payrollSheetName, payrollTable } from '../core/sheet-functions/payroll.js';
import { yearEndRange } from './payroll-zengin.js';
import { cellToDate } from '../core/sheet-functions/cells.js';
import { tableStatusCounts } from '../core/reconcile/report.js';
import { RESULT_SHEET } from '../core/reconcile/status.js';
import { reconcileFunctions } from '../core/sheet-functions/reconcile.js';
import { cancelJob, DEFAULT_BUDGET_MS, type JobKind, type JobView, pendingJob, startJob, stepJob } from './table-job.js';

export const KINDS = {
  reconcile: {
    inputs: ['入金明細', '請求残高'],
    // Today by the script's clock: core reads a 全銀 statement's two-digit years against it.
    compute: ([bank, open]) => reconcileFunctions({ today: todayInTokyo(new Date()) }).RECONCILE(bank ?? [], open ?? []),
    sheetName: () => RESULT_SHEET,
    summarize: tableStatusCounts,
  },
  payroll: {
    inputs: ['社員マスタ', '勤怠'],
    // The 年末調整 result (the year's last pay), when the sidebar gives its range.
    compute: ([employees, attendance], options) =>
      payrollTable(
        payrollOfCells(
          { values: employees ?? [], file: '社員マスタ' },
          { values: attendance ?? [], file: '勤怠' },
          { payDate: cellToDate(options.pay_date ?? '', 'pay_date'), yearEnd: yearEndRange(options.year_end) },
        ),
      ),
    sheetName: (options) => payrollSheetName(cellToDate(options.pay_date ?? '', 'pay_date')),
  },
} satisfies Readonly<Record<string, JobKind>>;

export interface Capabilities {
  readonly reconcile: boolean;
  readonly payroll: boolean;
  readonly zengin: boolean;
}

/** Which panes can work in this build: the sidebar says so instead of failing on click. */
export function uraCapabilities(): Capabilities {
  return { reconcile: true, payroll: true, zengin: true };
}

/** A caller may ask for a shorter budget (tests simulate many executions), never a longer one. */
const budget = (ms: unknown) => (typeof ms === 'number' && ms >= 0 ? Math.min(ms, DEFAULT_BUDGET_MS) : DEFAULT_BUDGET_MS);

/** @example uraJobStart('reconcile', ["'入金明細'!A1:F2001", "'請求残高'!A1:J800"], {}) */
export function uraJobStart(kind: unknown, ranges: unknown, options: unknown, budgetMs?: unknown): JobView {
  const list = Array.isArray(ranges) ? ranges.map(String) : [];
  const opts: Record<string, string> = {};
  if (options && typeof options === 'object') for (const [k, v] of Object.entries(options)) opts[k] = String(v);
  return startJob(KINDS, String(kind), list, opts, budget(budgetMs));
}

/** @example uraJobStep('reconcile') // → { written: 10000, total: 50001, done: false, … } */
export function uraJobStep(kind: unknown, budgetMs?: unknown): JobView {
  return stepJob(String(kind), budget(budgetMs));
}

export function uraJobPending(kind: unknown): JobView | null {
  return pendingJob(String(kind));
}

export function uraJobCancel(kind: unknown): void {
  cancelJob(String(kind));
}
