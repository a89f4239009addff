/**
 * Spreadsheet functions for payroll (design §3.1): STANDARDMONTHLY, SOCIALINSURANCE,
 * EMPLOYMENTINSURANCE, OVERTIMEPAY, RESIDENTTAX and PAYROLL. Excel calls them as URA.*, Sheets
 * as URA_*; both pass raw cell values, converted by `cells.ts`. Rules live in core/payroll only.
 * What the hosts show as help is each function's entry in catalog.ts; the comments here add only
 * what the code does beyond it.
 */
import { type IsoDate, yearMonth } from '../dates/calendar.js';
import { argumentError, InputError, isError } from '../errors.js';
import { type Rate, rate } from '../money/rate.js';
import { careInsuranceDue, healthDue, pensionDue } from '../payroll/age-rules.js';
import { employmentInsurance } from '../payroll/employment-insurance.js';
import { PAYROLL_COLUMNS } from '../payroll/output.js';
import { overtimePay } from '../payroll/overtime.js';
import { parsePrefecture } from '../payroll/prefectures.js';
import { INDUSTRY_NAMES } from '../payroll/rates/employment.js';
import { PENSION_GRADE_WINDOW } from '../payroll/rates/social.js';
import { outOfTables } from '../payroll/rates/select.js';
import { residentTaxInstalment } from '../payroll/resident-tax.js';
import { type PayrollRunOptions, type PayrollRunResult, runPayroll } from '../payroll/run.js';
import { insuranceRates, premiums } from '../payroll/social-insurance.js';
import { isHealthStandard, pensionStandardFromHealth, standardMonthly } from '../payroll/standard-remuneration.js';
import { normalizeKey, parseHours } from '../csv/columns.js';
import {
  type CellValue,
  cellToDate,
  cellToDecimal,
  cellToInt,
  cellToText,
  cellToYen,
  isBlank,
  type Matrix,
  matrixToCsvText,
  optional,
  type SheetContext,
  withIsoDates,
} from './cells.js';

/** 標準報酬月額の種類: 「health」「健康保険」 or 「pension」「厚生年金」; blank → health. */
function cellToKind(v: CellValue): 'health' | 'pension' {
  if (isBlank(v)) return 'health';
  const t = cellToText(v, 'kind').toLowerCase();
  if (t === 'health' || t === '健康保険' || t === '健保') return 'health';
  if (t === 'pension' || t === '厚生年金' || t === '厚年') return 'pension';
  throw argumentError(
    'kind',
    v,
    '種類は「health」（健康保険）か「pension」（厚生年金）で指定してください',
    'kind must be "health" or "pension"',
  );
}

/** An insurance month from a date cell or 'YYYY-MM' text; blank → the month of `today`. */
function cellToInsuranceMonth(v: CellValue, today: IsoDate): string {
  if (isBlank(v)) return yearMonth(today);
  if (typeof v === 'string' && /^\s*\d{4}-\d{2}\s*$/.test(v)) return v.trim();
  return yearMonth(cellToDate(v, 'insurance_month'));
}

/**
 * The payroll functions as of `today` (Tokyo, from the host): a blank date or closing_date is
 * today, a blank insurance_month this month. OVERTIMEPAY, RESIDENTTAX and PAYROLL need no today.
 * @example payrollFunctions({ today: '2026-05-25' }).STANDARDMONTHLY(300000, 'pension') // 300000
 */
export function payrollFunctions({ today }: SheetContext) {
  /**
   * URA.STANDARDMONTHLY. A month outside the grade tables is refused, naming the months known.
   * @example STANDARDMONTHLY(300000, "pension", "2026-05-01") // 300000
   */
  function STANDARDMONTHLY(remuneration: CellValue, kind?: CellValue, date?: CellValue): number {
    const month = yearMonth(optional(date, today, (v) => cellToDate(v, 'date')));
    if (month < PENSION_GRADE_WINDOW.from || month > PENSION_GRADE_WINDOW.to) {
      throw outOfTables(
        'date',
        month,
        '標準報酬月額の等級表',
        'standard remuneration grades',
        PENSION_GRADE_WINDOW.from,
        PENSION_GRADE_WINDOW.to,
      );
    }
    return standardMonthly(cellToYen(remuneration, 'remuneration'), cellToKind(kind));
  }

  /**
   * URA.SOCIALINSURANCE. A whole number under 150 is an age, anything else a date of birth; the
   * employer total includes 子ども・子育て拠出金.
   * @example SOCIALINSURANCE(300000, "東京都", 45, "2026-04") // [[17205, 345, 27450, 46080]]
   */
  function SOCIALINSURANCE(
    standard_monthly: CellValue,
    prefecture: CellValue,
    age_or_birth_date: CellValue,
    insurance_month?: CellValue,
  ): number[][] {
    const standard = cellToYen(standard_monthly, 'standard_monthly');
    if (!isHealthStandard(standard)) {
      throw argumentError(
        'standard_monthly',
        standard,
        '標準報酬月額の等級表にない金額です（報酬月額からはSTANDARDMONTHLYで求めます）',
        'not a standard monthly remuneration grade (use STANDARDMONTHLY on the remuneration)',
      );
    }
    const code = parsePrefecture(cellToText(prefecture, 'prefecture'));
    if (code === undefined)
      throw argumentError('prefecture', prefecture, '都道府県が分かりません（例: 東京都, 13）', 'unknown prefecture (e.g. 東京都, 13)');
    const month = cellToInsuranceMonth(insurance_month, today);
    let status: { care: boolean; pension: boolean; health: boolean };
    const age = ageOf(age_or_birth_date);
    if (age !== undefined) {
      status = { care: age >= 40 && age < 65, pension: age < 70, health: age < 75 };
    } else {
      const birth: IsoDate = cellToDate(age_or_birth_date, 'age_or_birth_date');
      status = { care: careInsuranceDue(birth, month), pension: pensionDue(birth, month), health: healthDue(birth, month) };
    }
    const rates = insuranceRates(month, { prefecture: code, ...status });
    const p = premiums(standard, pensionStandardFromHealth(standard), rates);
    return [
      [
        p.health.employee,
        p.childSupport.employee,
        p.pension.employee,
        p.health.employer + p.childSupport.employer + p.pension.employer + p.childContribution,
      ],
    ];
  }

  /**
   * URA.EMPLOYMENTINSURANCE.
   * @example EMPLOYMENTINSURANCE(300102, "一般", "2026-04-30") // 1501
   */
  function EMPLOYMENTINSURANCE(wage: CellValue, industry?: CellValue, closing_date?: CellValue): number {
    const kind = isBlank(industry)
      ? 'general'
      : (INDUSTRY_NAMES[normalizeKey(cellToText(industry, 'industry'))] ?? INDUSTRY_NAMES[cellToText(industry, 'industry')]);
    if (kind === undefined)
      throw argumentError(
        'industry',
        industry,
        '事業の種類は「一般」「農林水産」「建設」のいずれかです',
        'industry must be 一般, 農林水産 or 建設',
      );
    const closing = optional(closing_date, today, (v) => cellToDate(v, 'closing_date'));
    return employmentInsurance(cellToYen(wage, 'wage'), kind, closing).employee;
  }

  return { STANDARDMONTHLY, SOCIALINSURANCE, EMPLOYMENTINSURANCE, OVERTIMEPAY, RESIDENTTAX, PAYROLL };
}

/**
 * The age a cell gives, in whole years, or undefined for a birth date: a number under 150 (45.73
 * from YEARFRAC is 45; it had been read as the serial of a day in 1900), or whole-number text.
 */
function ageOf(v: CellValue): number | undefined {
  if (typeof v === 'number') return v >= 0 && v < 150 ? Math.floor(v) : undefined;
  if (typeof v === 'string' && /^\s*\d{1,3}\s*$/.test(v) && Number(v) < 150) return Number(v);
  return undefined;
}

/**
 * Hours: a number (12.5), or text as the attendance columns take it (12.5 or 12:30, parseHours).
 * A time-formatted cell reaches an Excel function as its fraction of a day (12:00 as 0.5), which
 * no function can tell from 0.5 hours: docs/excel.md says to give such cells as =A1*24.
 */
const hours = (v: CellValue, arg: string) => {
  let h: Rate;
  if (isBlank(v)) h = rate(0, 1);
  else if (typeof v === 'string') {
    const r = parseHours(v);
    if (!r.ok) throw argumentError(arg, v, r.message_ja, r.message_en);
    h = r.value;
  } else {
    const d = cellToDecimal(v, arg);
    h = rate(d.num, d.den);
  }
  if (h.num < 0) throw argumentError(arg, v, '時間は0以上で指定してください', 'hours must be 0 or more');
  return h;
};

/**
 * URA.OVERTIMEPAY.
 * @example OVERTIMEPAY(300000, 160, 10, , 10) // 28126
 */
export function OVERTIMEPAY(
  monthly_base: CellValue,
  scheduled_hours: CellValue,
  overtime_hours: CellValue,
  over60_hours?: CellValue,
  late_night_hours?: CellValue,
  holiday_hours?: CellValue,
): number {
  const scheduled = hours(scheduled_hours, 'scheduled_hours');
  if (scheduled.num <= 0)
    throw argumentError('scheduled_hours', scheduled_hours, '所定労働時間は0より大きくしてください', 'scheduled hours must be more than 0');
  const overtime = hours(overtime_hours, 'overtime_hours');
  const over60 = isBlank(over60_hours) ? undefined : hours(over60_hours, 'over60_hours');
  if (over60 && over60.num * overtime.den > overtime.num * over60.den) {
    throw argumentError(
      'over60_hours',
      over60_hours,
      '60時間超の時間が時間外の合計を超えています',
      'over-60 hours exceed the overtime hours',
    );
  }
  return overtimePay({
    monthlyBase: cellToYen(monthly_base, 'monthly_base'),
    scheduledHours: scheduled,
    overtimeHours: overtime,
    over60Hours: over60,
    lateNightHours: hours(late_night_hours, 'late_night_hours'),
    holidayHours: hours(holiday_hours, 'holiday_hours'),
  }).total;
}

/**
 * URA.RESIDENTTAX (地方税法§321の5). When the notice prints the monthly amounts, those are the
 * ones to withhold.
 * @example RESIDENTTAX(180300, 6) // 15300
 */
export function RESIDENTTAX(annual: CellValue, month: CellValue): number {
  return residentTaxInstalment(cellToYen(annual, 'annual'), cellToInt(month, 'month', 1, 12));
}

const DATE_HEADERS = ['birth_date', '生年月日'];
const PERCENT_HEADERS = new Set(['health_rate', '健康保険料率'].map(normalizeKey));

/**
 * A cell formatted as % holds a fraction (9.91 % is 0.0991): the health-rate column is read in
 * percent, so a number under 1 there (no lawful rate is under 3 %) becomes its percent, shifted
 * in decimal text (0.0991 → "9.91"), never multiplied as a float. For every reader of an
 * employees range: PAYROLL, and the panes' payslips and 全銀 file.
 * @example healthRateAsPercent([['健康保険料率'], [0.0991]]) // [['健康保険料率'], ['9.91']]
 */
export function healthRateAsPercent(m: Matrix): Matrix {
  const header = m[0] ?? [];
  const columns = new Set(header.flatMap((h, i) => (typeof h === 'string' && PERCENT_HEADERS.has(normalizeKey(h)) ? [i] : [])));
  if (columns.size === 0) return m;
  return m.map((row, r) =>
    r === 0 ? row : row.map((c, i) => (columns.has(i) && typeof c === 'number' && c > 0 && c < 1 ? fractionAsPercent(c) : c)),
  );
}

/**
 * 0.0991 → '9.91', 0.1 → '10', 0.09875 → '9.875' (the number's shortest decimal text, point moved two places).
 * @example fractionAsPercent(0.0991) // '9.91'
 */
function fractionAsPercent(v: number): string {
  const m = /^0\.(\d+)$/.exec(String(v));
  if (!m) return String(v * 100);
  const digits = (m[1] ?? '').padEnd(2, '0');
  const whole = String(Number(digits.slice(0, 2)));
  const fraction = digits.slice(2);
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/**
 * An employees range as the CSV text core's payroll readers take: the birth-date column as ISO
 * dates (Excel gives serial numbers, Sheets Date objects), a %-formatted 健康保険料率 in percent.
 * For PAYROLL, NENCHO and the panes.
 * @example employeesCsv([['社員番号', '生年月日'], ['1', 29326]]) // '社員番号,生年月日\n1,1980-04-15'
 */
export function employeesCsv(m: Matrix): string {
  return matrixToCsvText(healthRateAsPercent(withIsoDates(m, DATE_HEADERS, 'birth_date')));
}

/**
 * The sheet a pay's payroll table is written to by the Excel pane and the Sheets sidebar (and
 * that the 年末調整 panes take the year's pay from), named by its pay date: a month may have two
 * pays (pay day 1: December's on 12-01, January's moved back to 12-30), and one must not replace
 * the other. Running the same pay again replaces its sheet.
 * @example payrollSheetName('2026-05-25') // '給与_2026-05-25'
 */
export function payrollSheetName(payDate: IsoDate): string {
  return `給与_${payDate}`;
}

/** A range as a pane reads it: its cells and the name its problems give it (e.g. 社員!A1:U6). */
export interface NamedCells {
  readonly values: Matrix;
  readonly file: string;
}

/**
 * A month's payroll over an employees range and an attendance range, as PAYROLL, the Excel pane
 * (sheet, payslips, 全銀 file, 仕訳) and the Sheets sidebar all read them: birth dates as ISO
 * dates whatever the host gave, a %-formatted 健康保険料率 in percent.
 * @example payrollOfCells({ values: emp, file: '社員' }, { values: att, file: '勤怠' }, { payDate: '2026-05-25' })
 */
export function payrollOfCells(employees: NamedCells, attendance: NamedCells, options: PayrollCellsOptions): PayrollRunResult {
  const { yearEnd, ...rest } = options;
  return runPayroll(
    { data: employeesCsv(employees.values), file: employees.file },
    { data: matrixToCsvText(attendance.values), file: attendance.file },
    yearEnd && hasCells(yearEnd.values) ? { ...rest, yearEnd: { data: yearEndCsv(yearEnd.values), file: yearEnd.file } } : rest,
  );
}

/** payrollOfCells' options: the run's, the 年末調整 result given as a range. */
export interface PayrollCellsOptions extends Omit<PayrollRunOptions, 'yearEnd'> {
  /** The 年末調整 result (NENCHO's table, the 年末調整 pane's sheet) to settle in this pay; blank cells: none. */
  readonly yearEnd?: NamedCells | undefined;
}

/** The 年末調整 result's pay dates: a lone date (a result of one pay) Excel turns into a serial number. */
const YEAR_END_DATE_HEADERS = ['pay_dates', '集計した支給日'];

/**
 * A 年末調整 result range as the text `urakata payroll --year-end` reads from its file.
 * @example yearEndCsv([['employee_id', 'difference', 'year', 'pay_dates'], ['1', -5000, 2026, 46381]]) // 'employee_id,difference,year,pay_dates\n1,-5000,2026,2026-12-25\n'
 */
export function yearEndCsv(values: Matrix): string {
  return matrixToCsvText(withIsoDates(values, YEAR_END_DATE_HEADERS, 'pay_dates'));
}

/** Whether a range argument holds anything: an omitted one is undefined, null or a blank cell. */
function hasCells(values: Matrix | undefined): values is Matrix {
  return Array.isArray(values) && values.some((row) => Array.isArray(row) && row.some((c) => !isBlank(c)));
}

/**
 * The sheet a pay's 仕訳 is written to by both panes, named by its pay date as its payroll sheet is.
 * @example journalSheetName('2026-05-25') // '仕訳_2026-05-25'
 */
export function journalSheetName(payDate: IsoDate): string {
  return `仕訳_${payDate}`;
}

/** The sheet the 消込 pane writes its 仕訳 to (the automatic matches of the last run). */
export const RECONCILE_JOURNAL_SHEET = '仕訳_消込';

/** The sheet the 請求書 pane writes its 仕訳 to (the invoices of the lines it reads, whatever their months). */
export const INVOICE_JOURNAL_SHEET = '仕訳_請求';

/**
 * URA.PAYROLL. The columns are the CLI's; input errors throw as one InputError listing them
 * all. With `year_end` (NENCHO's table), its settlement goes into the pay, as `--year-end` puts it.
 * @example PAYROLL(A1:P6, R1:W6, "2026-05-25")
 */
export function PAYROLL(employees: Matrix, attendance: Matrix, pay_date: CellValue, year_end?: Matrix): (string | number)[][] {
  const payDate = cellToDate(pay_date, 'pay_date');
  const run = payrollOfCells(
    { values: employees, file: 'employees' },
    { values: attendance, file: 'attendance' },
    { payDate, yearEnd: hasCells(year_end) ? { values: year_end, file: 'year_end' } : undefined },
  );
  return payrollTable(run);
}

/**
 * A payroll run as PAYROLL's table, header row first; its input errors thrown as one InputError.
 * @example payrollTable(payrollOfCells(employees, attendance, { payDate: '2026-05-25' }))[0][0] // 'employee_id'
 */
export function payrollTable(run: PayrollRunResult): (string | number)[][] {
  const errors = run.problems.filter(isError);
  if (errors.length > 0) throw new InputError(errors);
  return [[...PAYROLL_COLUMNS], ...run.results.map((r) => PAYROLL_COLUMNS.map((c) => r.result.row[c]))];
}
