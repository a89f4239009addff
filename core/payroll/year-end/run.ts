/**
 * The year-end adjustment over the input files: the employees file, the declarations, and either
 * the year's payroll and bonus outputs (summed by pay date within the year) or a totals file. Every
 * problem is collected with file, row and column; the caller writes nothing when one is an error.
 */
import { date, oneOf, text, yen } from '../../csv/columns.js';
import { jsonRowsAsCsv } from '../../csv/json-rows.js';
import { columnsAsWritten, readTable, type Schema, type TableRow } from '../../csv/table.js';
import { isError, type Problem, problem } from '../../errors.js';
import type { IsoDate } from '../../dates/calendar.js';
import type { Yen } from '../../money/yen.js';
import { nonTaxableCommute } from '../commute.js';
import type { Employee } from '../input.js';
import { PAY_KINDS, type PayKind, PAYROLL_COLUMNS, type PayrollRow } from '../output.js';
import { keyedRows, unknownColumnWarnings } from '../keyed-rows.js';
import { type InputText, readEmployees } from '../run.js';
import {
  EMPTY_DECLARATION,
  leaverNotAdjusted,
  type YearEndDeclaration,
  type YearEndResult,
  type YearPayTotals,
  yearEnd,
  yearEndTableFor,
} from './compute.js';
import { declarationFaults, declarationsSchema, toDeclaration, totalsSchema } from './input.js';
import { BONUS_MARK, type YearEndRow, yearEndRow } from './output.js';

/** The payroll and bonus outputs Urakata writes, read back: every column, `pay_date` required. */
export const payrollOutputSchema = Object.fromEntries(
  PAYROLL_COLUMNS.map((c) => [
    c,
    c === 'employee_id' || c === 'name'
      ? text(c)
      : c === 'pay_date'
        ? date(c, '支給日')
        : c === 'pay_kind'
          ? // Optional: an output made before pay_kind was written reads as salaries (a blank cell of the column is refused in sumPayroll).
            oneOf(PAY_KINDS, c, '支給の種類').asOptional()
          : c === 'year_end_adjustment'
            ? yen(c).withDefault(0)
            : yen(c),
  ]),
) as Schema;

export type YearEndSource = { readonly totals: InputText } | { readonly payroll: readonly InputText[] };

export interface YearEndEmployee {
  readonly employee: Employee;
  readonly declaration: YearEndDeclaration;
  readonly result: YearEndResult;
  readonly row: YearEndRow;
  /** The year's pays from `--payroll`, by pay date (empty with `--totals`). */
  readonly pays: readonly PayrollRow[];
}

export interface YearEndRunResult {
  readonly year: number;
  readonly results: YearEndEmployee[];
  readonly problems: Problem[];
  readonly rejected: boolean;
}

/**
 * 支払金額 of one pay: pay before social insurance, the non-taxable commuting allowance excluded.
 * @example payOf({ gross_pay: 330_000, commute_allowance: 20_000, … }) // 310000
 */
export function payOf(r: Pick<PayrollRow, 'gross_pay' | 'commute_allowance'>): Yen {
  return r.gross_pay - nonTaxableCommute(r.commute_allowance);
}

/** The regular items of a pay, to recognise the same pay given twice (a rerun's output beside the first). */
function payKey(r: PayrollRow): string {
  // Not its kind: a bonus output made before pay_kind (read as a salary) and its rerun after are one pay.
  return [r.employee_id, r.pay_date, r.gross_pay, r.income_tax, r.social_insurance_total].join('\u0000');
}

interface Summed {
  readonly totals: Map<string, YearPayTotals>;
  readonly pays: Map<string, PayrollRow[]>;
  readonly problems: Problem[];
}

/** Sums the year's payroll and bonus outputs per employee, by pay date within the year. */
function sumPayroll(files: readonly InputText[], year: number, known: ReadonlySet<string> | undefined): Summed {
  const totals = new Map<string, YearPayTotals>();
  const pays = new Map<string, PayrollRow[]>();
  const problems: Problem[] = [];
  const seen = new Map<string, string>();
  for (const f of files) {
    // `--out x.json` writes the same table as JSON.
    const csv = jsonRowsAsCsv(f.data, PAYROLL_COLUMNS, 'present');
    if (csv === 'other') {
      problems.push(
        problem(
          f.file,
          0,
          '',
          '',
          '給与・賞与の出力（urakata payroll / bonus の CSV か JSON）として読めない JSON です',
          'JSON that is not a payroll or bonus output (the CSV or JSON urakata payroll / bonus write)',
        ),
      );
      continue;
    }
    const t = readTable(csv === 'not-json' ? f.data : csv, payrollOutputSchema, { file: f.file });
    problems.push(...t.problems, ...unknownColumnWarnings(f.file, t));
    let outside = 0;
    const kindColumn = t.written.pay_kind;
    for (const { row, value: read } of t.rows as TableRow<Omit<PayrollRow, 'pay_kind'> & { pay_kind?: PayKind }>[]) {
      if (read.pay_kind === undefined && kindColumn !== undefined) {
        // The column is there and this cell blank: a bonus taken for a salary would let a settlement through.
        problems.push(
          problem(f.file, row, kindColumn, '', '支給の種類が空です（salary 給与 / bonus 賞与）', 'pay_kind is blank (salary or bonus)'),
        );
        continue;
      }
      const value: PayrollRow = { ...read, pay_kind: read.pay_kind ?? 'salary' };
      if (known && !known.has(value.employee_id)) {
        problems.push(
          problem(
            f.file,
            row,
            t.written.employee_id ?? 'employee_id',
            value.employee_id,
            '社員マスタにない社員番号です',
            'employee_id not in the employees file',
          ),
        );
        continue;
      }
      if (Number(value.pay_date.slice(0, 4)) !== year) {
        outside++;
        continue;
      }
      const key = payKey(value);
      const first = seen.get(key);
      if (first !== undefined) {
        problems.push(
          problem(
            f.file,
            row,
            t.written.pay_date ?? 'pay_date',
            value.pay_date,
            `同じ支給が2回あります（${first} と同じ行）。再計算した出力を両方指定していませんか`,
            `the same pay appears twice (as in ${first}): were a run and its rerun both given?`,
          ),
        );
        continue;
      }
      seen.set(key, `${f.file} ${row}行目`);
      const sum = totals.get(value.employee_id) ?? { totalPay: 0, withheldTax: 0, socialInsurance: 0 };
      totals.set(value.employee_id, {
        totalPay: sum.totalPay + payOf(value),
        withheldTax: sum.withheldTax + value.income_tax,
        socialInsurance: sum.socialInsurance + value.social_insurance_total,
      });
      const list = pays.get(value.employee_id) ?? [];
      list.push(value);
      pays.set(value.employee_id, list);
    }
    if (outside > 0) {
      problems.push(
        problem(
          f.file,
          0,
          'pay_date',
          '',
          `${year}年以外の支給日の${outside}行は集計しません`,
          `${outside} rows paid outside ${year} are not summed`,
          'warning',
        ),
      );
    }
  }
  for (const list of pays.values()) list.sort((a, b) => (a.pay_date < b.pay_date ? -1 : a.pay_date > b.pay_date ? 1 : 0));
  return { totals, pays, problems };
}

/**
 * The pay dates summed, each once, in order, a bonus's marked `(賞与)` (`2026-12-10(賞与)`): a
 * settlement goes into a salary the result summed, not into a bonus of the same day. None from a
 * totals file.
 */
function payDatesSummed(pays: ReadonlyMap<string, readonly PayrollRow[]>): string[] {
  const dates = new Set<string>();
  for (const list of pays.values()) for (const p of list) dates.add(p.pay_kind === 'bonus' ? `${p.pay_date}${BONUS_MARK}` : p.pay_date);
  return [...dates].sort();
}

/**
 * 年末調整 for every employee of the employees file.
 * @example runYearEnd(2026, employees, declarations, { totals }).results[0].row.difference
 */
export function runYearEnd(year: number, employees: InputText, declarations: InputText, source: YearEndSource): YearEndRunResult {
  const table = yearEndTableFor(year);
  const emp = readEmployees(employees, false);
  const problems: Problem[] = [...emp.problems];

  const declTable = readTable(declarations.data, declarationsSchema, { file: declarations.file });
  const decl = keyedRows(declTable, declarations.file, emp.known);
  problems.push(...decl.problems);
  // A row rejected for a bad cell still declares its employee: it is not "missing".
  const declaredIds = new Set(decl.byId.keys());
  if (declTable.rows.length < declTable.recordCount) {
    for (const r of readTable(declarations.data, { employee_id: declarationsSchema.employee_id }, { file: declarations.file }).rows)
      declaredIds.add(r.value.employee_id);
  }
  const declared = new Map<string, YearEndDeclaration>();
  for (const [id, { value, row }] of decl.byId) {
    const faults = declarationFaults(value, table.specifiedRelative.from);
    for (const [column, v, ja, en] of faults) problems.push(problem(declarations.file, row, column, v, ja, en));
    if (faults.length === 0) declared.set(id, toDeclaration(value));
  }

  let totals: Map<string, YearPayTotals>;
  let pays = new Map<string, PayrollRow[]>();
  let totalsFile: string | undefined;
  if ('totals' in source) {
    totalsFile = source.totals.file;
    const t = keyedRows(readTable(source.totals.data, totalsSchema, { file: source.totals.file }), source.totals.file, emp.known);
    problems.push(...columnsAsWritten(t.problems, source.totals.file, t.written));
    totals = new Map(
      [...t.byId].map(([id, { value }]) => [
        id,
        { totalPay: value.total_pay, withheldTax: value.withheld_tax, socialInsurance: value.social_insurance },
      ]),
    );
  } else {
    const s = sumPayroll(source.payroll, year, emp.known);
    problems.push(...s.problems);
    totals = s.totals;
    pays = s.pays;
  }

  const results: YearEndEmployee[] = [];
  const basis = { year, payDates: payDatesSummed(pays) };
  for (const [id, { employee, row }] of emp.byId) {
    const declaration = declared.get(id);
    const hasDeclarationRow = declaredIds.has(id);
    const payDates = totalsFile === undefined ? (pays.get(id) ?? []).map((p) => p.pay_date) : undefined;
    // A leaver not adjusted needs no declaration: nothing of it is used.
    const leaver = leaverNotAdjusted(year, employee.left_on, payDates) !== undefined;
    if (!hasDeclarationRow && employee.tax_column === 'kou' && !leaver) {
      problems.push(
        problem(
          declarations.file,
          0,
          'employee_id',
          id,
          `甲欄の社員（社員マスタ${row}行目）の申告書の行がありません`,
          `no declaration row for this 甲 employee (employees file row ${row})`,
        ),
      );
      continue;
    }
    if (hasDeclarationRow && !declaration) continue;
    const sum = totals.get(id);
    if (!sum) {
      if (totalsFile !== undefined) {
        problems.push(
          problem(
            totalsFile,
            0,
            'employee_id',
            id,
            `社員マスタ${row}行目の社員の年間合計がありません`,
            `no year totals for this employee (employees file row ${row})`,
          ),
        );
      } else {
        problems.push(
          problem(
            employees.file,
            row,
            'employee_id',
            id,
            `${year}年の支給がないため年末調整しません`,
            `no pay dated in ${year}: not adjusted`,
            'warning',
          ),
        );
      }
      continue;
    }
    const d = declaration ?? EMPTY_DECLARATION;
    const result = yearEnd({ year, taxColumn: employee.tax_column, ...sum, declaration: d, leftOn: employee.left_on, payDates });
    results.push({ employee, declaration: d, result, row: yearEndRow(id, employee.name, result, basis), pays: pays.get(id) ?? [] });
  }
  const named = columnsAsWritten(columnsAsWritten(problems, employees.file, emp.written), declarations.file, decl.written);
  return { year, results, problems: named, rejected: named.some(isError) };
}
