/**
 * The 年末調整 settlement carried into the year-end pay (`urakata payroll … --year-end FILE`):
 * read from the `nencho` result file, applied as its own line after the regular items.
 */
import { text, yen } from '../../csv/columns.js';
import { columnsAsWritten, readTable } from '../../csv/table.js';
import { type Problem, problem } from '../../errors.js';
import type { IsoDate } from '../../dates/calendar.js';
import { keyedRows } from '../keyed-rows.js';
import type { Yen } from '../../money/yen.js';
import type { InputText } from '../run.js';
import type { PayrollRow } from '../output.js';

/** The settlement the year-end pay carries, per employee: a refund positive, tax collected negative. */
export const settlementSchema = {
  employee_id: text('employee_id', '社員番号'),
  difference: yen('difference', '差引超過額又は不足額').asOptional(),
};

/**
 * Whether a pay on `payDate` may carry a 年末調整 settlement: the last pay of the year (December's
 * pay or bonus), or January's when the adjustment came after December's pay. A June pay with the
 * settlement in it would pay the year's refunds in the wrong month.
 * @example settlementPayMonthProblem('2026-06-25', 'nencho.csv')?.message_en // 'the 年末調整 settlement goes into a December or January pay…'
 */
export function settlementPayMonthProblem(payDate: IsoDate, file: string): Problem | undefined {
  const month = payDate.slice(5, 7);
  if (month === '12' || month === '01') return undefined;
  return problem(
    file,
    0,
    '',
    '',
    `年末調整の精算は12月か翌年1月の給与で行います（支給日 ${payDate}）。その年最後の給与の支給日を指定してください`,
    `the 年末調整 settlement goes into a December or January pay, not one paid on ${payDate}; give the pay date of the year's last pay`,
  );
}

/**
 * Reads a `nencho` result file for the year-end pay: employee id → settlement (−difference).
 * Employees not adjusted (blank difference) carry nothing.
 */
export function readSettlements(input: InputText, known: ReadonlySet<string> | undefined): { byId: Map<string, Yen>; problems: Problem[] } {
  const table = readTable(input.data, settlementSchema, { file: input.file });
  // An employee no longer in the employees file who carries nothing (a leaver, not adjusted) is
  // passed over: kept in the year's file for nencho and left out of December's, they had had the
  // year-end pay refused for everyone. One with a settlement to carry is still named.
  const carried = { ...table, rows: table.rows.filter((r) => !known || known.has(r.value.employee_id) || (r.value.difference ?? 0) !== 0) };
  // The result file has every other column too: those are expected here, not worth a warning.
  const t = keyedRows(carried, input.file, known, 'expected');
  const byId = new Map<string, Yen>();
  for (const [id, { value }] of t.byId) if (value.difference !== undefined && value.difference !== 0) byId.set(id, -value.difference);
  return { byId, problems: columnsAsWritten(t.problems, input.file, t.written) };
}

/**
 * A pay row with the settlement applied: `year_end_adjustment` set and `net_pay` moved by it; the
 * regular items (gross, insurance, the month's withholding) are unchanged.
 * @example withSettlement(row, 115_270).net_pay // row.net_pay + 115270
 */
export function withSettlement<R extends PayrollRow>(row: R, settlement: Yen): R {
  return { ...row, year_end_adjustment: settlement, net_pay: row.net_pay + settlement };
}
