/**
 * The 年末調整 pane's workbook actions: the employees, declarations and pay ranges read in one
 * sync and turned into core's year-end request (the same as =URA.NENCHO's), and the result sheet
 * 「年末調整 令和8年分」 written with the employees no input error touches.
 */
import type { Problem } from '../../core/errors.js';
import { type NamedRange, splitRangeList, type YearEndRequest, yearEndRequest, yearEndSheet } from '../../core/sheet-functions/nencho.js';
import type { ExcelRun } from './reconcile-actions.js';
import { parseRangeRef, readTables, writeResultSheet } from './workbook.js';

/** What the pane's fields hold. `pay` may list several ranges (`;`, `,`, `、` or new lines). */
export interface YearEndFields {
  readonly employees: string;
  readonly declarations: string;
  readonly pay: string;
  readonly year: number;
}

/**
 * Reads the ranges with one sync; dates of the birth-date and pay-date columns become ISO dates.
 * @example await readYearEndRequest(Excel.run, { employees: '社員', declarations: '申告書', pay: '年間合計', year: 2026 })
 */
export async function readYearEndRequest(run: ExcelRun, fields: YearEndFields): Promise<YearEndRequest> {
  const refs = [fields.employees, fields.declarations, ...splitRangeList(fields.pay)].map(parseRangeRef);
  const tables = await run((context) => readTables(context, refs));
  const [employees, declarations, ...pays] = tables.map((t): NamedRange => ({ name: t.name, values: t.values }));
  if (!employees || !declarations) throw new Error('範囲を読めませんでした / could not read the ranges');
  return yearEndRequest(fields.year, employees, declarations, pays);
}

/**
 * Writes 「年末調整 令和8年分」 (the urakata nencho columns, one row per employee) and returns the
 * problems to list. Employees an error touches are left out; with none left, nothing is written
 * and the errors are thrown as an InputError.
 * @example await buildYearEndSheet(Excel.run, request) // { sheet: '年末調整 令和8年分', employees: 5, heldBack: 0, problems: [] }
 */
export async function buildYearEndSheet(
  run: ExcelRun,
  request: YearEndRequest,
): Promise<{ sheet: string; employees: number; heldBack: number; problems: readonly Problem[] }> {
  const r = yearEndSheet(request);
  await run((context) => writeResultSheet(context, r.name, r.table, []));
  return { sheet: r.name, employees: r.results.length, heldBack: r.heldBack, problems: r.problems };
}
