/**
 * `urakata payroll`: the monthly payroll table, and optionally the 全銀 給与振込 file and payslip
 * PDFs. Everything is computed in memory first; a run with any input error writes nothing.
 */
import { objectsToRows, writeCsv } from '../core/csv/write.js';
import { parseDate } from '../core/dates/parse.js';
import type { Problem } from '../core/errors.js';
import { PAYROLL_COLUMNS, type PayrollRow } from '../core/payroll/output.js';
import { netPayTransfer, runPayroll } from '../core/payroll/run.js';
import type { WithholdingMethod } from '../core/payroll/withholding/index.js';
import { parseTransferCompany } from '../core/zengin/transfer/company.js';
import type { TransferCompany } from '../core/zengin/transfer/file.js';
import { formatYen } from '../core/money/yen.js';
import { renderPayslip } from '../core/payroll/payslip.js';
import { japaneseFonts } from '../functions/fonts.js';
import { payrollJournal } from '../core/journal/payroll.js';
import { addJournal, JOURNAL_FLAGS, JOURNAL_USAGE, journalRequest } from './journal.js';
import { EXIT_OK, EXIT_USAGE, type CliIo } from './command.js';
import {
  employeePdfs,
  noteOtherPdfs,
  isProblem,
  type OutputFile,
  parseFlags,
  readInput,
  readJsonFile,
  type ReadInputOptions,
  reportProblems,
  requireFlag,
  SHEET_FLAG,
  SHEET_USAGE,
  UsageError,
  writeOutputs,
  type InputFile,
} from './io.js';

const USAGE = `使い方 / usage:
  urakata payroll --employees FILE --attendance FILE --pay-date YYYY-MM-DD
                  [--closing-date YYYY-MM-DD] [--same-month-collection]
                  [--withholding-method table|computer] [--out FILE.csv|FILE.json]
                  [--zengin FILE --company FILE.json] [--payslips DIR]
                  [--year-end FILE]   (the year-end pay: the result of urakata nencho)
${JOURNAL_USAGE}${SHEET_USAGE}`;

/** CSV (UTF-8 with BOM for files, plain UTF-8 on stdout) unless the name ends in .json. */
export function payrollTableBytes(rows: readonly PayrollRow[], outName: string | undefined): Uint8Array | string {
  if (outName?.toLowerCase().endsWith('.json')) {
    return `${JSON.stringify(
      rows.map((r) => Object.fromEntries(PAYROLL_COLUMNS.map((c) => [c, r[c]]))),
      null,
      2,
    )}\n`;
  }
  return writeCsv(objectsToRows(PAYROLL_COLUMNS, rows), outName === undefined ? 'utf-8' : 'utf-8-bom');
}

const FLAG_OF: Readonly<Record<string, string>> = {
  insurance_month: '--pay-date',
  pay_date: '--pay-date',
  closing_date: '--closing-date',
  method: '--withholding-method',
  year: '--year',
};

/** Problems about the run's dates name the command-line flag they come from. */
export function labelFlags(problems: readonly Problem[]): Problem[] {
  return problems.map((p) => (p.file === '' ? { ...p, file: 'コマンドライン / command line', column: FLAG_OF[p.column] ?? p.column } : p));
}

export function dateFlag(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  const d = parseDate(value);
  if (!d) throw new UsageError(`--${flag} の日付が読めません / --${flag} is not a date: ${value}`);
  return d;
}

export function methodFlag(value: string | undefined): WithholdingMethod {
  if (value === undefined || value === 'table' || value === 'computer') return value ?? 'table';
  throw new UsageError(`--withholding-method は table か computer です / must be table or computer: ${value}`);
}

/** Reads every named file, collecting a problem for each one missing. */
export async function readInputs(
  io: CliIo,
  paths: readonly string[],
  options: ReadInputOptions = {},
): Promise<{ files: InputFile[]; problems: Problem[] }> {
  const files: InputFile[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    const r = await readInput(io, p, options);
    if (isProblem(r)) problems.push(r);
    else files.push(r);
  }
  return { files, problems };
}

async function readCompany(io: CliIo, path: string): Promise<{ company?: TransferCompany; problems: Problem[] }> {
  const r = await readJsonFile(io, path);
  return r.json === undefined ? { problems: r.problems } : parseTransferCompany(r.json, path);
}

/** The company name for payslips: as people read it, not the 全銀 kana. */
function companyName(c: TransferCompany | undefined): string | undefined {
  return c?.displayName ?? c?.companyName;
}

/** Flags shared by `payroll` and `bonus`. */
export const COMMON_FLAGS = {
  employees: { type: 'string' },
  'pay-date': { type: 'string' },
  'withholding-method': { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...SHEET_FLAG,
} as const;

/** Runs a command body; a UsageError prints the usage and exits 2. */
export async function withUsage(io: CliIo, usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`${e.message}\n${usage}`);
      return EXIT_USAGE;
    }
    throw e;
  }
}

export function run(argv: readonly string[], io: CliIo): Promise<number> {
  return withUsage(io, USAGE, async () => {
    const f = parseFlags(argv, {
      ...COMMON_FLAGS,
      attendance: { type: 'string' },
      'closing-date': { type: 'string' },
      'same-month-collection': { type: 'boolean' },
      zengin: { type: 'string' },
      company: { type: 'string' },
      payslips: { type: 'string' },
      'year-end': { type: 'string' },
      ...JOURNAL_FLAGS,
    });
    if (f.help) {
      io.out(USAGE);
      return EXIT_OK;
    }
    const employeesPath = requireFlag(f.employees, 'employees');
    const attendancePath = requireFlag(f.attendance, 'attendance');
    const payDate = dateFlag(requireFlag(f['pay-date'], 'pay-date'), 'pay-date') ?? '';
    const closingDate = dateFlag(f['closing-date'], 'closing-date');
    const method = methodFlag(f['withholding-method']);
    if (f.zengin !== undefined && f.company === undefined)
      throw new UsageError('--zengin には --company が必要です / --zengin needs --company');

    const yearEndPath = f['year-end'];
    const { files, problems } = await readInputs(io, [employeesPath, attendancePath, ...(yearEndPath ? [yearEndPath] : [])], {
      sheet: f.sheet,
    });
    // The company file names the company on the payslips as well as in the 全銀 file.
    const company =
      f.company !== undefined && (f.zengin !== undefined || f.payslips !== undefined) ? await readCompany(io, f.company) : undefined;
    problems.push(...(company?.problems ?? []));
    const journal = await journalRequest(io, f);
    problems.push(...journal.problems);
    const [employees, attendance, yearEnd] = files;
    if (!employees || !attendance) return reportProblems(io, problems) ?? EXIT_USAGE;

    const result = runPayroll(
      { data: employees.bytes, file: employees.name },
      { data: attendance.bytes, file: attendance.name },
      {
        payDate,
        closingDate,
        sameMonthCollection: f['same-month-collection'],
        withholdingMethod: method,
        requireBank: f.zengin !== undefined,
        yearEnd: yearEnd && { data: yearEnd.bytes, file: yearEnd.name },
      },
    );
    problems.push(...labelFlags(result.problems));
    const rejected = reportProblems(io, problems);
    if (rejected !== undefined) return rejected;

    const rows = result.results.map((r) => r.result.row);
    const outputs: OutputFile[] = [];
    if (f.out !== undefined) outputs.push({ path: f.out, data: payrollTableBytes(rows, f.out) });
    if (f.zengin !== undefined && company?.company) {
      outputs.push({ path: f.zengin, data: netPayTransfer(result, company.company, payDate).bytes });
    }
    if (f.payslips !== undefined) {
      const payslip = { fonts: japaneseFonts(), companyName: companyName(company?.company) };
      outputs.push(...(await employeePdfs(f.payslips, result.results, (r) => renderPayslip(r.result, payslip))));
    }
    const journalFailed = addJournal(io, journal.request, (map) => payrollJournal(rows, 'salary', map), outputs);
    if (journalFailed !== undefined) return journalFailed;
    const failed = await writeOutputs(io, outputs);
    if (failed !== undefined) return failed;
    if (f.payslips !== undefined) await noteOtherPdfs(io, f.payslips, outputs);
    if (f.out === undefined) {
      const table = payrollTableBytes(rows, undefined);
      io.out(typeof table === 'string' ? table : new TextDecoder().decode(table));
    }
    const net = rows.reduce((s, r) => s + r.net_pay, 0);
    const gross = rows.reduce((s, r) => s + r.gross_pay, 0);
    io.err(
      `${rows.length}名 支給日 ${payDate} 保険料の月 ${result.period.insuranceMonth} 締日 ${result.period.closingDate}: ` +
        `総支給額 ${formatYen(gross)}円 差引支給額 ${formatYen(net)}円 / ${rows.length} employees, gross ${gross}, net ${net}\n`,
    );
    return EXIT_OK;
  });
}
