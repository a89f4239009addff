/**
 * 全銀 給与振込 file and 仕訳 sheet for the 給与 pane: the same net pay as the payroll sheet, written by core's
 * transfer file writer (byte for byte what `urakata payroll --zengin` writes), handed to the
 * sidebar as base64 for a browser download. The paying company comes from a 項目 | 値 range. The
 * 仕訳's entries go back to the sidebar too, which writes the journal import file from them
 * (journalSheet, sheet-io.ts).
 */
import { problemLine, isError, type Problem } from '../core/errors.js';
import { payrollJournal } from '../core/journal/payroll.js';
import { cellToDate } from '../core/sheet-functions/cells.js';
import { journalSheetName, type NamedCells, payrollOfCells } from '../core/sheet-functions/payroll.js';
import { netPayTransfer } from '../core/payroll/run.js';
import { parseTransferCompany } from '../core/zengin/transfer/company.js';
import { journalSheet, type JournalSheetView, objectFromPairs, readRange } from './sheet-io.js';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** @example base64(Uint8Array.of(0xb1, 0x31)) // → 'sTE=' */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const [a = 0, b = 0, c = 0] = [bytes[i], bytes[i + 1], bytes[i + 2]];
    const n = (a << 16) | (b << 8) | c;
    out += BASE64[(n >> 18) & 63] ?? '';
    out += BASE64[(n >> 12) & 63] ?? '';
    out += i + 1 < bytes.length ? (BASE64[(n >> 6) & 63] ?? '') : '=';
    out += i + 2 < bytes.length ? (BASE64[n & 63] ?? '') : '=';
  }
  return out;
}

/**
 * With `yearEndA1` (the 年末調整 result's range), the year's last pay carries its settlement.
 * @example uraPayrollZengin("'社員'!A1:U6", "'勤怠'!A1:F6", '2026-05-25', "'会社'!A1:B9") // → { fileName: 'zengin-salary-2026-05-25.txt', base64: '…' }
 */
export function uraPayrollZengin(employeesA1: unknown, attendanceA1: unknown, payDate: unknown, companyA1: unknown, yearEndA1?: unknown) {
  const date = cellToDate(String(payDate ?? ''), 'pay_date');
  const company = parseTransferCompany(objectFromPairs(readRange(String(companyA1 ?? ''), '振込元'), '振込元', 'paying company'), '振込元');
  const result = payrollOfRanges(employeesA1, attendanceA1, date, true, company.problems, yearEndA1);
  if (!company.company) throw new Error(company.problems.filter(isError).map(problemLine).join('\n'));
  const file = netPayTransfer(result, company.company, date);
  return { fileName: file.name, base64: base64(file.bytes) };
}

/**
 * The 仕訳 sheet of the same payroll (仕訳_YYYY-MM-DD: one row per line, 借方/貸方, 勘定科目, 補助科目,
 * 税区分, 金額, 税額, 摘要), the entries `urakata payroll --journal` writes with the default
 * accounts; the entries go back for the sidebar to write the import file.
 * @example uraPayrollJournal("'社員'!A1:U6", "'勤怠'!A1:F6", '2026-05-25') // → { sheet: '仕訳_2026-05-25', entries: [pay, 法定福利費] }
 */
export function uraPayrollJournal(employeesA1: unknown, attendanceA1: unknown, payDate: unknown, yearEndA1?: unknown): JournalSheetView {
  const date = cellToDate(String(payDate ?? ''), 'pay_date');
  const result = payrollOfRanges(employeesA1, attendanceA1, date, false, [], yearEndA1);
  const entries = payrollJournal(
    result.results.map((r) => r.result.row),
    'salary',
  );
  return journalSheet(journalSheetName(date), entries);
}

/**
 * The 年末調整 result range the sidebar gives for the year's last pay, read; blank: none.
 * @example yearEndRange("'年末調整 令和8年分'!A1:X6") // { values: [[…], …], file: '年末調整' }
 */
export function yearEndRange(a1: unknown): NamedCells | undefined {
  const range = String(a1 ?? '').trim();
  return range === '' ? undefined : { values: readRange(range, '年末調整'), file: '年末調整' };
}

/** The payroll of the employee and attendance ranges; every error (with `more`) thrown at once, a line each. */
function payrollOfRanges(
  employeesA1: unknown,
  attendanceA1: unknown,
  date: string,
  requireBank: boolean,
  more: readonly Problem[] = [],
  yearEndA1?: unknown,
) {
  const result = payrollOfCells(
    { values: readRange(String(employeesA1 ?? ''), '社員マスタ'), file: '社員マスタ' },
    { values: readRange(String(attendanceA1 ?? ''), '勤怠'), file: '勤怠' },
    { payDate: date, requireBank, yearEnd: yearEndRange(yearEndA1) },
  );
  const errors = [...more, ...result.problems].filter(isError);
  if (errors.length > 0) throw new Error(errors.map(problemLine).join('\n'));
  return result;
}
