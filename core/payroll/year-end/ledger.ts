/**
 * 賃金台帳 and 源泉徴収簿 of a year, as one table (for CSV and the spreadsheets) from a 年末調整 run.
 *
 * One header row of English snake_case names (`LEDGER_COLUMNS`), as every Urakata output has; the
 * Japanese name of each is in `LEDGER_COLUMN_LABELS`. Then, per employee in the employees file's
 * order, rows told apart by `row_type`:
 *   - `pay`: each pay of the year by pay date (salaries and bonuses, told apart by `pay_kind`), every item of the payroll
 *     output (`PAYROLL_COLUMNS`: pay items, deductions, net pay, employer shares, the year-end settlement);
 *   - `total`: the sum of those pays, item by item (標準報酬月額 left blank: a sum of it means nothing);
 *     only when the employee has pays — a run from a totals file has none;
 *   - `year_end`: the 源泉徴収簿's year-end columns ⑨–㉗ (`YEAR_END_COLUMNS`), blank amounts for an
 *     employee not adjusted, always present.
 * A cell that does not belong to a row's type is blank.
 *
 * Not in it: 性別, 労働日数, 労働時間数 and 時間外労働時間数 (労働基準法108条, 施行規則54条) — the
 * payroll outputs carry the pay for overtime but not the hours; keep the attendance files beside it.
 */
import type { Yen } from '../../money/yen.js';
import { PAYROLL_COLUMN_LABELS, PAYROLL_COLUMNS, type PayrollColumn, type PayrollRow } from '../output.js';
import { YEAR_END_COLUMN_LABELS, YEAR_END_COLUMNS, type YearEndColumn } from './output.js';
import type { YearEndRunResult } from './run.js';

type PayAmountColumn = Exclude<PayrollColumn, 'employee_id' | 'name' | 'pay_date' | 'pay_kind'>;
/** The year-end row's figures; its year and pay dates summed say what the run was made from, not a figure of the 源泉徴収簿. */
type FigureColumn = Exclude<YearEndColumn, 'employee_id' | 'name' | 'year' | 'pay_dates'>;

const PAY_AMOUNTS = PAYROLL_COLUMNS.filter(
  (c): c is PayAmountColumn => c !== 'employee_id' && c !== 'name' && c !== 'pay_date' && c !== 'pay_kind',
);
const FIGURES = YEAR_END_COLUMNS.filter((c): c is FigureColumn => c !== 'employee_id' && c !== 'name' && c !== 'year' && c !== 'pay_dates');

export const LEDGER_COLUMNS = ['employee_id', 'name', 'row_type', 'pay_date', 'pay_kind', ...PAY_AMOUNTS, ...FIGURES] as const;

export type LedgerColumn = (typeof LEDGER_COLUMNS)[number];

export const LEDGER_ROW_TYPES = { pay: '支給', total: '合計', year_end: '年末調整' } as const;

export type LedgerRowType = keyof typeof LEDGER_ROW_TYPES;

/** Japanese labels: the payroll output's for the pay items, the 源泉徴収簿's for the year-end figures. */
export const LEDGER_COLUMN_LABELS: Readonly<Record<LedgerColumn, string>> = {
  ...PAYROLL_COLUMN_LABELS,
  ...YEAR_END_COLUMN_LABELS,
  row_type: '行の種類（支給 pay／合計 total／年末調整 year_end）',
};

/** The items summed in a `total` row: every pay amount but 標準報酬月額. */
const SUMMED = PAY_AMOUNTS.filter((c) => c !== 'standard_monthly');

/**
 * The ledger of a run: header, then each employee's pays, their total and the year-end figures.
 * @example ledgerTable(runYearEnd(2026, employees, declarations, { payroll }))[0][2] // 'row_type'
 */
export function ledgerTable(run: YearEndRunResult): (string | number)[][] {
  const out: (string | number)[][] = [[...LEDGER_COLUMNS]];
  const line = (id: string, name: string, type: LedgerRowType, cells: Partial<Record<LedgerColumn, string | number | null>>) =>
    out.push(LEDGER_COLUMNS.map((c) => (c === 'employee_id' ? id : c === 'name' ? name : c === 'row_type' ? type : (cells[c] ?? ''))));
  for (const { employee, row, pays } of run.results) {
    const id = employee.employee_id;
    for (const p of pays) line(id, employee.name, 'pay', p);
    if (pays.length > 0) line(id, employee.name, 'total', payTotals(pays));
    line(id, employee.name, 'year_end', row);
  }
  return out;
}

/** Each pay item summed over the pays (標準報酬月額 excluded). */
function payTotals(pays: readonly PayrollRow[]): Record<Exclude<PayAmountColumn, 'standard_monthly'>, Yen> {
  const sums = Object.fromEntries(SUMMED.map((c) => [c, 0])) as Record<Exclude<PayAmountColumn, 'standard_monthly'>, Yen>;
  for (const p of pays) for (const c of SUMMED) sums[c] += p[c];
  return sums;
}
