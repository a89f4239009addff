/**
 * Spreadsheet functions for 年末調整 (design §3.1): KYUYOSHOTOKU and NENCHO, and what the two
 * panes (Excel's 年末調整 tab, the Sheets sidebar's) share: ranges turned into the year-end run's
 * input, the run with the employees an input error touches held back, the result sheet's name, the
 * slips' file names. The rules live in core/payroll/year-end only; `urakata nencho` runs the same.
 * What the hosts show as help is each function's entry in catalog.ts; the comments here add only
 * what the code does beyond it.
 */
import { normalizeKey } from '../csv/columns.js';
import { readTable } from '../csv/table.js';
import type { IsoDate } from '../dates/calendar.js';
import { toHalfWidthDigits } from '../dates/parse.js';
import { fromWareki } from '../dates/wareki.js';
import { argumentError, InputError, isError, type Problem } from '../errors.js';
import { employeesSchema } from '../payroll/input.js';
import { employmentIncome, yearEndTableFor } from '../payroll/year-end/compute.js';
import { yearEndTable } from '../payroll/year-end/output.js';
import { payrollOutputSchema, runYearEnd, type YearEndEmployee, type YearEndRunResult } from '../payroll/year-end/run.js';
import {
  atRow,
  type CellValue,
  cellToInt,
  cellToYen,
  isBlank,
  type Matrix,
  matrixToCsvText,
  type SheetContext,
  withIsoDates,
} from './cells.js';
import { employeesCsv } from './payroll.js';

/** The pay_date column of the payroll and bonus outputs: the header that tells them from a totals range. */
const PAY_DATE_HEADERS = payrollOutputSchema.pay_date?.aliases ?? ['pay_date'];

/**
 * A 年分: 2026, "2026", "2026年", "令和8年分", "R8"; blank → the year of `today` (Tokyo, from the
 * host). A year without a table is refused naming the years known.
 * @example cellToYear('令和8年分', '2026-12-10') // 2026
 */
export function cellToYear(v: CellValue, today: IsoDate): number {
  if (isBlank(v)) return yearEndTableFor(currentYearEndYear(today)).year;
  let value: CellValue = v;
  if (typeof v === 'string') {
    const t = toHalfWidthDigits(v.normalize('NFKC'))
      .trim()
      .replace(/年分?$/, '');
    const era = /^(令和|平成|[RrHh])\s*(元|\d{1,2})$/.exec(t);
    const start = era ? fromWareki(era[1] ?? '', era[2] === '元' ? 1 : Number(era[2]), 12, 31) : undefined;
    value = start ? Number(start.slice(0, 4)) : t;
  }
  return yearEndTableFor(cellToInt(value, 'year', 1, 9999)).year;
}

/**
 * The 年分 whose 年末調整 is being done on `today`: this year, but in January last year's — the
 * adjustment is settled in December's last pay and its 源泉徴収票 are due by 31 January.
 * @example currentYearEndYear('2027-01-20') // 2026
 */
export function currentYearEndYear(today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  return today.slice(5, 7) === '01' ? year - 1 : year;
}

/**
 * KYUYOSHOTOKU and NENCHO as of `today` (Tokyo, from the host): a blank year is {@link currentYearEndYear}.
 * @example nenchoFunctions({ today: '2026-12-10' }).KYUYOSHOTOKU(8970000) // 7020000
 */
export function nenchoFunctions({ today }: SheetContext) {
  /**
   * URA.KYUYOSHOTOKU. A one-column range of total_pay gives a column, blank rows blank.
   * @example KYUYOSHOTOKU(8970000, 2026) // 7020000
   */
  function KYUYOSHOTOKU(total_pay: CellValue | Matrix, year?: CellValue): number | (number | string)[][] {
    const y = cellToYear(year, today);
    const one = (v: CellValue) => employmentIncome(y, cellToYen(v, 'total_pay'));
    if (!Array.isArray(total_pay)) return one(total_pay as CellValue);
    const column = total_pay as Matrix;
    if (column.some((r) => r.length !== 1)) {
      throw argumentError(
        'total_pay',
        `${column.length}×${column[0]?.length ?? 0}`,
        '支払金額は1列の範囲にしてください',
        'total_pay must be a single column',
      );
    }
    return column.map((r, i) => {
      const v = r[0];
      return [isBlank(v) ? '' : atRow(i + 1, () => one(v))];
    });
  }

  /**
   * URA.NENCHO. The columns are those of urakata nencho; input errors throw as one InputError
   * listing them all.
   * @example NENCHO(社員!A1:G6, 申告書!A1:L6, 年間合計!A1:D6, 2026)
   */
  function NENCHO(employees: Matrix, declarations: Matrix, pay: Matrix, year?: CellValue): (string | number)[][] {
    const run = runYearEndRequest(
      yearEndRequest(cellToYear(year, today), { name: 'employees', values: employees }, { name: 'declarations', values: declarations }, [
        { name: 'pay', values: pay },
      ]),
    );
    const errors = run.problems.filter(isError);
    if (errors.length > 0) throw new InputError(errors);
    return yearEndTable(run.results.map((r) => r.row));
  }

  return { KYUYOSHOTOKU, NENCHO };
}

/** A range as a host read it: a name for problems (「社員!A1:P6」) and its cells, header row first. */
export interface NamedRange {
  readonly name: string;
  readonly values: Matrix;
}

/**
 * What a year-end run needs, as text: it crosses to a Web Worker and through google.script.run.
 * `source` is the year's totals or the year's payroll outputs, as `urakata nencho` takes them.
 */
export interface YearEndRequest {
  readonly year: number;
  readonly employees: TextInput;
  readonly declarations: TextInput;
  readonly source: { readonly totals: TextInput } | { readonly payroll: readonly TextInput[] };
}

/** A range as CSV text, with the name problems report. */
export interface TextInput {
  readonly data: string;
  readonly file: string;
}

const isPayrollOutput = (m: Matrix) => {
  const keys = new Set(PAY_DATE_HEADERS.map(normalizeKey));
  return (m[0] ?? []).some((h) => typeof h === 'string' && keys.has(normalizeKey(h)));
};

/**
 * The ranges as the year-end run reads them. Each pay range is the payroll or bonus table of a pay
 * (it has the pay_date column PAYROLL writes) or, without one, the year's totals; totals come alone.
 * @example yearEndRequest(2026, { name: '社員', values }, { name: '申告書', values }, [{ name: '年間合計', values }]).source // { totals: … }
 */
export function yearEndRequest(year: number, employees: NamedRange, declarations: NamedRange, pays: readonly NamedRange[]): YearEndRequest {
  if (pays.length === 0) {
    throw argumentError(
      'pay',
      '',
      '給与（年間合計または給与一覧）の範囲を指定してください',
      'give the pay range: year totals or payroll tables',
    );
  }
  const totals = pays.filter((p) => !isPayrollOutput(p.values));
  if (totals.length > 0 && pays.length > 1) {
    throw argumentError(
      'pay',
      totals.map((p) => p.name).join(', '),
      '年間合計（支給日の列がない範囲）は1つだけで、給与一覧と混ぜられません',
      'year totals (a range without pay_date) come alone, not with payroll tables or other totals',
    );
  }
  const payText = (p: NamedRange) => ({ data: matrixToCsvText(withIsoDates(p.values, PAY_DATE_HEADERS, 'pay_date')), file: p.name });
  const [only] = totals;
  return {
    year,
    employees: { data: employeesCsv(employees.values), file: employees.name },
    declarations: { data: matrixToCsvText(declarations.values), file: declarations.name },
    source: only ? { totals: payText(only) } : { payroll: pays.map(payText) },
  };
}

/** The year-end run of a request, every problem included (`urakata nencho` on the same data). */
export function runYearEndRequest(r: YearEndRequest): YearEndRunResult {
  return runYearEnd(r.year, r.employees, r.declarations, r.source);
}

/** Row number → employee id of every row of a file whose id cell reads. */
function idsByRow(input: TextInput): Map<number, string> {
  const t = readTable(input.data, { employee_id: employeesSchema.employee_id }, { file: input.file });
  return new Map(t.rows.map((r) => [r.row, r.value.employee_id]));
}

export interface PaneYearEnd {
  /** Employees whose every row read: their results are as `urakata nencho` gives them. */
  readonly results: readonly YearEndEmployee[];
  /** Every problem of the run, warnings included. */
  readonly problems: readonly Problem[];
  /** Employees computed but held back because an input error touches them. */
  readonly heldBack: number;
}

/**
 * The run for the panes, which write the good employees and list the rest. An error in a row
 * holds back the employee of that row (a pay row left out would understate the year); an error
 * naming an employee holds back that employee; any other error (a missing column, a pay row whose
 * employee cannot be told) holds back everyone, as the CLI would.
 * @example yearEndForPane(request).results.map((r) => r.row.difference) // [-115270]
 */
export function yearEndForPane(request: YearEndRequest): PaneYearEnd {
  const run = runYearEndRequest(request);
  const source = request.source;
  const inputs = [request.employees, request.declarations, ...('totals' in source ? [source.totals] : source.payroll)];
  const pays = new Set(inputs.slice(2).map((i) => i.file));
  const ids = new Map(inputs.map((i) => [i.file, idsByRow(i)]));
  const known = new Set(ids.get(request.employees.file)?.values());
  const held = new Set<string>();
  let everyone = false;
  for (const p of run.problems.filter(isError)) {
    const id = p.row > 0 ? ids.get(p.file)?.get(p.row) : known.has(p.value) ? p.value : undefined;
    if (id !== undefined) held.add(id);
    // Row 1 is the header: a problem there (a column missing) is about the whole range.
    else if (p.row <= 1 || pays.has(p.file)) everyone = true;
  }
  const results = everyone ? [] : run.results.filter((r) => !held.has(r.employee.employee_id));
  return { results, problems: run.problems, heldBack: run.results.length - results.length };
}

/**
 * Whether a pane's run leaves nothing to write: no employee left and errors to show.
 * @example nothingLeft(yearEndForPane(request)) // true when every employee is held back by an error
 */
export function nothingLeft(r: PaneYearEnd): boolean {
  return r.results.length === 0 && r.problems.some(isError);
}

/** The 年末調整 result sheet the panes write, and what they list under it. */
export interface YearEndSheet extends PaneYearEnd {
  /** 「年末調整 令和8年分」 */
  readonly name: string;
  /** The urakata nencho columns, header first, one row per employee left. */
  readonly table: (string | number)[][];
  /** How many of the problems are errors (the rest are warnings). */
  readonly errors: number;
}

/**
 * The result sheet of a request for the Excel pane and the Sheets sidebar: the employees an error
 * does not touch; with none left, the errors thrown as one InputError.
 * @example yearEndSheet(request).name // '年末調整 令和8年分'
 */
export function yearEndSheet(request: YearEndRequest): YearEndSheet {
  const r = yearEndForPane(request);
  const errors = r.problems.filter(isError);
  if (nothingLeft(r)) throw new InputError(errors);
  return { ...r, name: yearEndSheetName(request.year), table: yearEndTable(r.results.map((x) => x.row)), errors: errors.length };
}

/**
 * The result sheet of a year: 「年末調整 令和8年分」.
 * @example yearEndSheetName(2026) // '年末調整 令和8年分'
 */
export function yearEndSheetName(year: number): string {
  return `年末調整 ${yearEndTableFor(year).label}`;
}

/**
 * Splits the pay field of the panes, which may list several ranges: `給与_2026-01-23!A1:Z6; 給与_2026-02-25!A1:Z6`
 * (`;`, `,`, `、` or a new line; a quoted sheet name may hold any of them).
 * @example splitRangeList("'給与 1月'!A1:Z6; 賞与!A1:Z6") // ["'給与 1月'!A1:Z6", '賞与!A1:Z6']
 */
export function splitRangeList(text: string): string[] {
  const out: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (!quoted && /[;,、\n\r]/.test(ch)) {
      out.push(current);
      current = '';
    } else current += ch;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
