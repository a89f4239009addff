/**
 * The 給与 pane's workbook action: the employee and attendance ranges through core's PAYROLL (the
 * same function as =URA.PAYROLL) onto a sheet of its own, 給与_YYYY-MM-DD.
 */
import type { IsoDate } from '../../core/dates/calendar.js';
import { InputError, isError, type Problem } from '../../core/errors.js';
import { type JournalFormat, journalFileName, journalTable, writeJournal } from '../../core/journal/formats.js';
import { payrollJournal } from '../../core/journal/payroll.js';
import { journalSheetName, type NamedCells, payrollOfCells, payrollSheetName, payrollTable } from '../../core/sheet-functions/payroll.js';
import { netPayTransfer, type PayrollRunResult } from '../../core/payroll/run.js';
import { parseTransferCompany } from '../../core/zengin/transfer/company.js';
import type { ExcelRun } from './reconcile-actions.js';
import { parseRangeRef, readTables, writeTableSheet } from './workbook.js';
import { timesAsShown } from './sheet-table.js';

/**
 * Builds the payroll sheet; an InputError from core (every bad row named) propagates to the pane.
 * @returns the sheet name and the number of employees
 * @example await buildPayrollSheet(Excel.run, '社員', '勤怠', '2026-05-25') // { sheet: '給与_2026-05-25', employees: 5 }
 */
export async function buildPayrollSheet(
  run: ExcelRun,
  employees: string,
  attendance: string,
  payDate: IsoDate,
  yearEnd?: string,
): Promise<{ sheet: string; employees: number }> {
  const table = payrollTable(await payrollRun(run, employees, attendance, payDate, false, [], yearEnd));
  const name = payrollSheetName(payDate);
  await writeSheet(run, name, table);
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
  yearEnd?: string,
): Promise<{ name: string; bytes: Uint8Array }> {
  const company = parseTransferCompany(companyJson, 'company.json');
  const result = await payrollRun(run, employees, attendance, payDate, true, company.problems, yearEnd);
  if (!company.company) throw new InputError(company.problems.filter(isError));
  return netPayTransfer(result, company.company, payDate);
}

/**
 * The 仕訳 of the payroll of the same ranges, as `urakata payroll --journal` writes them with the
 * default accounts: a sheet 仕訳_YYYY-MM-DD (one row per line, 借方/貸方) and the file in the chosen
 * import format (弥生, マネーフォワード or the neutral CSV). Every problem is thrown at once.
 * @example const { sheet, name, bytes } = await buildPayrollJournal(Excel.run, '社員', '勤怠', '2026-05-25', 'yayoi')
 */
export async function buildPayrollJournal(
  run: ExcelRun,
  employees: string,
  attendance: string,
  payDate: IsoDate,
  format: JournalFormat,
  yearEnd?: string,
): Promise<{ sheet: string; name: string; bytes: Uint8Array; entries: number }> {
  const result = await payrollRun(run, employees, attendance, payDate, false, [], yearEnd);
  const entries = payrollJournal(
    result.results.map((r) => r.result.row),
    'salary',
  );
  const sheet = journalSheetName(payDate);
  const name = journalFileName(sheet, format);
  const file = writeJournal(entries, format, name);
  if (!file.data) throw new InputError(file.problems);
  await writeSheet(run, sheet, journalTable(entries, 'ja'));
  return { sheet, name, bytes: file.data, entries: entries.length };
}

/**
 * The pane's ranges as payroll reads them: employees and attendance (hours as shown), and the
 * 年末調整 result when one is given. One sync.
 * @example const r = await readPayrollRanges(Excel.run, '社員', '勤怠', '年末調整 令和8年分')
 */
export async function readPayrollRanges(
  run: ExcelRun,
  employees: string,
  attendance: string,
  yearEnd?: string,
): Promise<{ employees: NamedCells; attendance: NamedCells; yearEnd: NamedCells | undefined }> {
  const refs = [parseRangeRef(employees), parseRangeRef(attendance), ...(yearEnd?.trim() ? [parseRangeRef(yearEnd)] : [])];
  const [emp, att, settled] = await run((context) => readTables(context, refs));
  if (!emp || !att) throw new Error('範囲を読めませんでした / could not read the ranges');
  return {
    employees: { values: timesAsShown(emp), file: emp.name },
    attendance: { values: timesAsShown(att), file: att.name },
    // Core reads the last pay date as Excel gives it (a serial), as it reads birth dates.
    yearEnd: settled && { values: settled.values, file: settled.name },
  };
}

/** The ranges through core's payroll run, read as the CLI reads its files; every error (with `more`) thrown at once. */
async function payrollRun(
  run: ExcelRun,
  employees: string,
  attendance: string,
  payDate: IsoDate,
  requireBank: boolean,
  more: readonly Problem[] = [],
  yearEnd?: string,
): Promise<PayrollRunResult> {
  const ranges = await readPayrollRanges(run, employees, attendance, yearEnd);
  const result = payrollOfCells(ranges.employees, ranges.attendance, { payDate, requireBank, yearEnd: ranges.yearEnd });
  const errors = [...more, ...result.problems].filter(isError);
  if (errors.length > 0) throw new InputError(errors);
  return result;
}

/** A sheet of its own (replacing one of the same name) holding the table. */
async function writeSheet(run: ExcelRun, name: string, table: readonly (readonly unknown[])[]): Promise<void> {
  await run((context) => writeTableSheet(context, name, table));
}
