/**
 * The 給与 pane's workbook action: the employee and attendance ranges through core's PAYROLL (the
 * same function as =URA.PAYROLL) onto a sheet of its own, 給与_YYYY-MM.
 */
import type { IsoDate } from '../../core/dates/calendar.js';
import { InputError, isError } from '../../core/errors.js';
import { healthRateAsPercent, PAYROLL, payrollSheetName } from '../../core/sheet-functions/payroll.js';
import { netPayTransfer, runPayroll } from '../../core/payroll/run.js';
import { parseTransferCompany } from '../../core/zengin/transfer/company.js';
import type { ExcelRun } from './reconcile-actions.js';
import { sheetTableToCsv } from './sheet-table.js';
import { columnLetters } from '../../core/xlsx/cells.js';
import { cellIn, parseRangeRef, readTables } from './workbook.js';

/**
 * Builds the payroll sheet; an InputError from core (every bad row named) propagates to the pane.
 * @returns the sheet name and the number of employees
 * @example await buildPayrollSheet(Excel.run, '社員', '勤怠', '2026-05-25') // { sheet: '給与_2026-05', employees: 5 }
 */
export async function buildPayrollSheet(
  run: ExcelRun,
  employees: string,
  attendance: string,
  payDate: IsoDate,
): Promise<{ sheet: string; employees: number }> {
  const [emp, att] = await run((context) => readTables(context, [parseRangeRef(employees), parseRangeRef(attendance)]));
  if (!emp || !att) throw new Error('範囲を読めませんでした / could not read the ranges');
  // Excel gives dates as serial numbers; core's PAYROLL reads a birth-date column of serials itself.
  const table = PAYROLL(emp.values, att.values, payDate);
  const name = payrollSheetName(payDate);
  await run(async (context) => {
    const sheets = context.workbook.worksheets;
    const old = sheets.getItemOrNullObject(name);
    await context.sync();
    if (!old.isNullObject) old.delete();
    const sheet = sheets.add(name);
    const last = columnLetters((table[0]?.length ?? 1) - 1);
    sheet.getRange(`A1:${last}${table.length}`).values = table.map((r) => r.map(cellIn));
    sheet.getRange(`A1:${last}1`).format.font.bold = true;
    sheet.freezePanes.freezeRows(1);
    sheet.activate();
    await context.sync();
  });
  return { sheet: name, employees: table.length - 1 };
}

/**
 * The 全銀 給与振込 file (Shift_JIS, fixed length) for the net pay of the same ranges, as
 * `urakata payroll --zengin --company` writes it. Bank fields become required; every problem of
 * the ranges or of the company JSON is thrown at once as an InputError.
 * @example const { name, bytes } = await payrollTransferFile(Excel.run, '社員', '勤怠', '2026-05-25', companyJson)
 */
export async function payrollTransferFile(
  run: ExcelRun,
  employees: string,
  attendance: string,
  payDate: IsoDate,
  companyJson: unknown,
): Promise<{ name: string; bytes: Uint8Array }> {
  const company = parseTransferCompany(companyJson, 'company.json');
  const [emp, att] = await run((context) => readTables(context, [parseRangeRef(employees), parseRangeRef(attendance)]));
  if (!emp || !att) throw new Error('範囲を読めませんでした / could not read the ranges');
  const result = runPayroll(
    { data: sheetTableToCsv({ ...emp, values: healthRateAsPercent(emp.values) }), file: emp.name },
    { data: sheetTableToCsv(att), file: att.name },
    { payDate, requireBank: true },
  );
  const errors = [...company.problems, ...result.problems].filter(isError);
  if (errors.length > 0 || !company.company) throw new InputError(errors);
  return netPayTransfer(result, company.company, payDate);
}
