/**
 * A whole payroll or bonus run over the input files: every good row computed, every problem
 * (file, row, column) collected — a batch never stops at the first bad row. The caller writes
 * output only when no problem is an error.
 */
import { columnsAsWritten, readTable } from '../csv/table.js';
import type { IsoDate } from '../dates/calendar.js';
import type { Yen } from '../money/yen.js';
import { InputError, isError, type Problem, problem } from '../errors.js';
import { toZenginKana, zenginHolder } from '../zengin/transfer/kana.js';
import { salaryTransferFile, type TransferCompany, type TransferLine } from '../zengin/transfer/file.js';
import { MAX_TRANSFER, TRANSFER_TOO_LARGE, transferDateProblems, transferTotalProblem } from '../zengin/transfer/payables.js';
import { type BonusResult, bonusPay } from './bonus.js';
import { attendanceSchema, bonusesSchema, type Employee, employeesSchema, NO_ATTENDANCE } from './input.js';
import { hasPremiumHours, monthlyPay, type PayPeriod, type PayResult, payPeriod, type PeriodOptions } from './monthly.js';
import { employmentTableFor } from './rates/select.js';
import { insuranceRates } from './social-insurance.js';
import { keyedRows, unknownColumnWarnings } from './keyed-rows.js';
import { monthlyWithholding, type TaxColumn, type WithholdingMethod } from './withholding/index.js';
import { readSettlements, settlementInput, settlementPayProblems, withSettlement } from './year-end/settlement.js';

export interface InputText {
  /** Bytes (UTF-8, BOM or CP932) or text. */
  readonly data: Uint8Array | string;
  /** Name to report in problems. */
  readonly file: string;
}

export interface PayrollRunOptions extends PeriodOptions {
  readonly payDate: IsoDate;
  /** The `nencho` result file: its settlement goes into this pay (the year-end pay). */
  readonly yearEnd?: InputText | undefined;
  /** A transfer file is wanted: bank fields become required. */
  readonly requireBank?: boolean;
}

export interface EmployeeResult<R> {
  readonly employee: Employee;
  readonly result: R;
  /** The employee's row in the employees file. */
  readonly row: number;
}

export interface RunResult<R> {
  readonly results: EmployeeResult<R>[];
  readonly problems: Problem[];
  /** true when some problem is an error: write nothing. */
  readonly rejected: boolean;
}

export interface PayrollRunResult extends RunResult<PayResult> {
  readonly period: PayPeriod;
}

/** Problems from a call that threw InputError, placed at a file/row, or rethrown. */
function caught(e: unknown, file: string, row: number): Problem[] {
  // Core argument names become the input file's column names where they differ.
  const column = (c: string) => (row > 0 && c === 'column' ? 'tax_column' : c);
  if (e instanceof InputError) return e.problems.map((p) => ({ ...p, file: p.file || file, row: p.row || row, column: column(p.column) }));
  throw e;
}

/**
 * Checks the dates against every table once, so an unknown year is one clear problem, not one per
 * row. The withholding probe uses the column most employees need (甲 if any): a year that has
 * a 甲 table but no 乙 table is then reported on each 乙 employee's row.
 */
function checkDates(month: string, closingDate: IsoDate, payDate: IsoDate, method: WithholdingMethod, column: TaxColumn): Problem[] {
  const problems: Problem[] = [];
  const attempt = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      problems.push(...caught(e, '', 0));
    }
  };
  attempt(() => insuranceRates(month, { prefecture: 13, care: true }));
  attempt(() => employmentTableFor(closingDate));
  attempt(() => monthlyWithholding({ taxable: 300_000, dependents: 0, column, payDate, method }));
  return problems;
}

/** 甲 when any employee is 甲, else 乙. */
function probeColumn(employees: Iterable<{ employee: Employee }>): TaxColumn {
  for (const { employee } of employees) if (employee.tax_column === 'kou') return 'kou';
  return 'otsu';
}

const BANK_FIELDS = ['bank_code', 'branch_code', 'account_type', 'account_number', 'account_holder'] as const;

function employeeProblems(e: Employee, row: number, file: string, requireBank: boolean): Problem[] {
  const problems: Problem[] = [];
  if (e.tax_column === 'otsu' && e.dependents > 0) {
    problems.push(
      problem(
        file,
        row,
        'dependents',
        String(e.dependents),
        '乙欄では扶養親族等の数は0にしてください',
        'the 乙 (otsu) column takes no dependants: set 0',
      ),
    );
  }
  if (requireBank) {
    for (const f of BANK_FIELDS) {
      if (e[f] === undefined) problems.push(problem(file, row, f, '', '振込ファイルを作るには必要です', 'required for the transfer file'));
    }
    if (e.account_holder !== undefined) {
      const holder = zenginHolder(e.account_holder, file, row);
      if (holder.problem) problems.push(holder.problem);
    }
  }
  return problems;
}

/** Reads the employees file and checks ids are unique. */
export function readEmployees(input: InputText, requireBank: boolean) {
  const table = readTable(input.data, employeesSchema, { file: input.file });
  const problems: Problem[] = [...table.problems, ...unknownColumnWarnings(input.file, table)];
  const byId = new Map<string, { employee: Employee; row: number }>();
  const known = new Set<string>();
  for (const { row, value } of table.rows) {
    if (byId.has(value.employee_id) || known.has(value.employee_id)) {
      problems.push(problem(input.file, row, 'employee_id', value.employee_id, '社員番号が重複しています', 'duplicate employee_id'));
      continue;
    }
    const rowProblems = employeeProblems(value, row, input.file, requireBank);
    problems.push(...rowProblems);
    // A row already rejected is not computed: computing it would report the same fault twice.
    // A warning rejects nothing.
    if (!rowProblems.some(isError)) byId.set(value.employee_id, { employee: value, row });
    else known.add(value.employee_id);
  }
  // A rejected employee row still names an employee: its attendance or bonus line is not "unknown".
  for (const id of byId.keys()) known.add(id);
  if (table.rows.length < table.recordCount) {
    for (const r of readTable(input.data, { employee_id: employeesSchema.employee_id }, { file: input.file }).rows)
      known.add(r.value.employee_id);
  }
  // A file that could not be read at all (empty, a required column missing) knows no employees:
  // the ids of the other files are then not "unknown", and saying so for each would bury the one
  // problem that matters.
  const readable = known.size > 0 || !table.problems.some((p) => p.row <= 1 && isError(p));
  // A header and no employee (the wrong sheet saved, a template): a run of nobody is refused, and
  // the other files' ids are not each called unknown.
  if (readable && table.recordCount === 0) {
    problems.push(problem(input.file, 0, '', '', '社員の行がありません（見出しの行だけです）', 'no employee rows (only the header)'));
    return { byId, known: undefined, problems, written: table.written };
  }
  return { byId, known: readable ? (known as ReadonlySet<string>) : undefined, problems, written: table.written };
}

/**
 * The monthly payroll (月次給与) for every employee. Employees with no attendance line are paid
 * with no overtime and no extras.
 * @example runPayroll({data: employeesCsv, file: 'employees.csv'}, {data: attendanceCsv, file: 'attendance.csv'}, {payDate: '2026-05-25'})
 */
export function runPayroll(employees: InputText, attendance: InputText, options: PayrollRunOptions): PayrollRunResult {
  const period = payPeriod(options.payDate, options);
  const emp = readEmployees(employees, options.requireBank === true);
  const problems = checkDates(
    period.insuranceMonth,
    period.closingDate,
    period.payDate,
    period.withholdingMethod,
    probeColumn(emp.byId.values()),
  );
  const att = keyedRows(readTable(attendance.data, attendanceSchema, { file: attendance.file }), attendance.file, emp.known);
  // The nencho result, as CSV or as its JSON.
  const given = options.yearEnd && settlementInput(options.yearEnd);
  const yearEnd = given && !('message_ja' in given) ? given : undefined;
  const settlements = yearEnd && readSettlements(yearEnd, emp.known);
  const settlementPay = yearEnd ? settlementPayProblems(options.payDate, yearEnd) : [];
  problems.push(...emp.problems, ...att.problems, ...(settlements?.problems ?? []), ...settlementPay);
  if (given && 'message_ja' in given) problems.push(given);
  const results: EmployeeResult<PayResult>[] = [];
  const datesOk = !problems.some((p) => p.file === '' && isError(p));
  for (const [id, { employee, row }] of emp.byId) {
    const a = att.byId.get(id)?.value ?? NO_ATTENDANCE;
    if (hasPremiumHours(a) && employee.scheduled_hours === undefined) {
      problems.push(
        problem(
          employees.file,
          row,
          'scheduled_hours',
          '',
          '時間外・深夜・休日の時間があるので月平均所定労働時間が必要です',
          'scheduled_hours is needed to pay overtime',
        ),
      );
      continue;
    }
    if (!datesOk) continue;
    try {
      const regular = monthlyPay(employee, a, period);
      const settlement = settlements?.byId.get(id);
      const result = settlement === undefined ? regular : { ...regular, row: withSettlement(regular.row, settlement) };
      if (result.row.net_pay < 0) {
        problems.push(
          settlement !== undefined && regular.row.net_pay >= 0
            ? problem(
                options.yearEnd?.file ?? employees.file,
                0,
                'difference',
                String(-settlement),
                `社員番号${id}: 年末調整の不足額が差引支給額を超えます（翌年6月までの繰延べは扱いません）`,
                `employee ${id}: the year-end shortfall exceeds the net pay (spreading it to June is not handled)`,
              )
            : problem(employees.file, row, 'net_pay', String(result.row.net_pay), '差引支給額がマイナスです', 'net pay is negative'),
        );
      }
      results.push({ employee, result, row });
    } catch (e) {
      problems.push(...caught(e, employees.file, row));
    }
  }
  if (options.requireBank) problems.push(...transferProblems(results, employees.file, options.payDate));
  const named = columnsAsWritten(columnsAsWritten(problems, employees.file, emp.written), attendance.file, att.written);
  return { period, results, problems: named, rejected: named.some(isError) };
}

/**
 * What the 全銀 file of a run's net pay cannot hold: a pay date banks are closed on (it is the
 * file's 振込指定日), a transfer past a data record's 10 digits (its row named), a total past the
 * trailer's 12, or no transfer at all (a file of 0件 is not handed to the bank).
 */
function transferProblems(
  results: readonly EmployeeResult<{ readonly row: { readonly net_pay: Yen } }>[],
  file: string,
  payDate: IsoDate,
): Problem[] {
  const problems: Problem[] = transferDateProblems(payDate, 'pay_date');
  let total = 0;
  let paid = 0;
  for (const { result, row } of results) {
    const amount = result.row.net_pay;
    total += amount;
    if (amount > 0) paid++;
    if (amount > MAX_TRANSFER) problems.push(problem(file, row, 'net_pay', String(amount), TRANSFER_TOO_LARGE.ja, TRANSFER_TOO_LARGE.en));
  }
  const tooMuch = transferTotalProblem(file, total);
  if (tooMuch) problems.push(tooMuch);
  if (paid === 0) {
    problems.push(
      problem(
        file,
        0,
        '',
        '',
        '振込する差引支給額がありません（全銀ファイルは作成しません）',
        'no net pay to transfer; no 全銀 file is made',
      ),
    );
  }
  return problems;
}

/**
 * The bonus run (賞与計算) for the employees listed in the bonuses file.
 * @example runBonus(employees, bonuses, {payDate: '2026-07-10'})
 */
export function runBonus(
  employees: InputText,
  bonuses: InputText,
  options: { payDate: IsoDate; withholdingMethod?: WithholdingMethod | undefined; requireBank?: boolean },
): RunResult<BonusResult> {
  const method = options.withholdingMethod ?? 'table';
  const emp = readEmployees(employees, options.requireBank === true);
  const problems = checkDates(options.payDate.slice(0, 7), options.payDate, options.payDate, method, probeColumn(emp.byId.values()));
  const bon = keyedRows(readTable(bonuses.data, bonusesSchema, { file: bonuses.file }), bonuses.file, emp.known);
  problems.push(...emp.problems, ...bon.problems);
  const results: EmployeeResult<BonusResult>[] = [];
  if (!problems.some((p) => p.file === '' && isError(p))) {
    for (const [id, { value, row }] of bon.byId) {
      const e = emp.byId.get(id);
      if (!e) continue;
      try {
        results.push({ employee: e.employee, result: bonusPay(e.employee, value, options.payDate, method), row });
      } catch (err) {
        problems.push(...caught(err, bonuses.file, row));
      }
    }
  }
  if (options.requireBank) problems.push(...transferProblems(results, bonuses.file, options.payDate));
  const named = columnsAsWritten(columnsAsWritten(problems, employees.file, emp.written), bonuses.file, bon.written);
  return { results, problems: named, rejected: named.some(isError) };
}

/**
 * The transfer lines for net pay, in employee order (validated by the run when `requireBank`).
 * @example transferLines(run.results.map((r) => ({employee: r.employee, amount: r.result.row.net_pay})))
 */
export function transferLines(items: readonly { employee: Employee; amount: number }[]): TransferLine[] {
  return items.map(({ employee: e, amount }) => {
    const holder = toZenginKana(e.account_holder ?? '');
    if (!holder.ok || !e.bank_code || !e.branch_code || !e.account_type || !e.account_number) {
      throw new RangeError(`employee ${e.employee_id}: bank fields not checked`);
    }
    return {
      bankCode: e.bank_code,
      branchCode: e.branch_code,
      accountType: e.account_type,
      accountNumber: e.account_number,
      holder: holder.value,
      amount,
      employeeCode: e.employee_id,
    };
  });
}

/**
 * The 全銀 給与振込 file of a payroll run's net pay (a run made with `requireBank`), as
 * `urakata payroll --zengin`, the Excel task pane and the Sheets sidebar hand it out, with its
 * download name.
 * @example netPayTransfer(run, company, '2026-05-25') // { name: 'zengin-salary-2026-05-25.txt', bytes: Uint8Array(…) }
 */
export function netPayTransfer(run: PayrollRunResult, company: TransferCompany, payDate: IsoDate): { name: string; bytes: Uint8Array } {
  const lines = transferLines(run.results.map((r) => ({ employee: r.employee, amount: r.result.row.net_pay })));
  return { name: `zengin-salary-${payDate}.txt`, bytes: salaryTransferFile(company, payDate, lines, 'salary') };
}
