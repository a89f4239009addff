/** The result table of `urakata nencho` (and URA.NENCHO, and the year-end job), in order. */
import type { IsoDate } from '../../dates/calendar.js';
import type { Yen } from '../../money/yen.js';
import type { Note, YearEndResult } from './compute.js';

/** After a pay date in `pay_dates`: that pay was a bonus (賞与), `2026-12-10(賞与)`. */
export const BONUS_MARK = '(賞与)';

export const YEAR_END_COLUMNS = [
  'employee_id',
  'name',
  'total_pay',
  'employment_income',
  'income_adjustment',
  'social_insurance',
  'small_business_mutual_aid',
  'life_insurance_deduction',
  'earthquake_insurance_deduction',
  'spouse_deduction',
  'specified_relative_deduction',
  'dependants_deduction',
  'basic_deduction',
  'total_deductions',
  'taxable_income',
  'computed_tax',
  'housing_loan_credit',
  'annual_tax',
  'withheld_tax',
  'difference',
  'status',
  'note',
  'year',
  'pay_dates',
] as const;

export type YearEndColumn = (typeof YEAR_END_COLUMNS)[number];

/**
 * Amount columns are empty (null) for an employee who is not adjusted: no tax is invented. Every
 * row says what the run was computed from — its 年分 and the pay dates it summed, apart by spaces
 * (blank from a totals file) — so that the year-end pay can refuse a settlement made without it.
 */
export type YearEndRow = {
  readonly employee_id: string;
  readonly name: string;
  readonly status: 'adjusted' | 'not_eligible';
  readonly note: string;
  readonly year: number;
  readonly pay_dates: string;
} & { readonly [K in Exclude<YearEndColumn, 'employee_id' | 'name' | 'status' | 'note' | 'year' | 'pay_dates'>]: Yen | null };

/** What a year-end run was computed from: the year, and the pay dates it summed (none: from totals). */
export interface YearEndBasis {
  readonly year: number;
  /** The pay dates summed, a bonus's marked with BONUS_MARK. */
  readonly payDates: readonly string[];
}

/** Japanese labels: the 源泉徴収簿 column each figure stands in. */
export const YEAR_END_COLUMN_LABELS: Readonly<Record<YearEndColumn, string>> = {
  employee_id: '社員番号',
  name: '氏名',
  total_pay: '支払金額（給与・賞与の総額）',
  employment_income: '⑨ 給与所得控除後の給与等の金額',
  income_adjustment: '⑩ 所得金額調整控除額',
  social_insurance: '社会保険料等控除額',
  small_business_mutual_aid: '小規模企業共済等掛金控除額',
  life_insurance_deduction: '生命保険料控除額',
  earthquake_insurance_deduction: '地震保険料控除額',
  spouse_deduction: '配偶者（特別）控除額',
  specified_relative_deduction: '特定親族特別控除額',
  dependants_deduction: '扶養控除額及び障害者等の控除額の合計額',
  basic_deduction: '基礎控除額',
  total_deductions: '所得控除額の合計額',
  taxable_income: '㉒ 差引課税給与所得金額',
  computed_tax: '㉓ 算出所得税額',
  housing_loan_credit: '㉔ 住宅借入金等特別控除額',
  annual_tax: '㉖ 年調年税額',
  withheld_tax: '源泉徴収税額（年税額との差の基礎）',
  difference: '㉗ 差引超過額（−）又は不足額（＋）',
  status: '状態',
  note: '摘要',
  year: '年分',
  pay_dates: '集計した支給日（合計表からは空欄）',
};

/** 年調済 / 年調未済, as the slips and the sheets say it. */
export const YEAR_END_STATUS_LABELS = { adjusted: '年調済', not_eligible: '年調未済' } as const;

function noteText(notes: readonly Note[]): string {
  return notes.map((n) => `${n.ja} / ${n.en}`).join('; ');
}

/**
 * One result row for an employee.
 * @example yearEndRow('E001', '山田 太郎', result, { year: 2026, payDates: ['2026-11-25', '2026-12-25'] }).difference // -115270
 */
export function yearEndRow(employeeId: string, name: string, r: YearEndResult, basis: YearEndBasis): YearEndRow {
  const made = { year: basis.year, pay_dates: basis.payDates.join(' ') };
  if (r.status === 'not_eligible') {
    return {
      employee_id: employeeId,
      name,
      total_pay: r.totalPay,
      employment_income: null,
      income_adjustment: null,
      social_insurance: r.socialInsurance,
      small_business_mutual_aid: null,
      life_insurance_deduction: null,
      earthquake_insurance_deduction: null,
      spouse_deduction: null,
      specified_relative_deduction: null,
      dependants_deduction: null,
      basic_deduction: null,
      total_deductions: null,
      taxable_income: null,
      computed_tax: null,
      housing_loan_credit: null,
      annual_tax: null,
      withheld_tax: r.withheldTax,
      difference: null,
      status: 'not_eligible',
      note: noteText([r.reason, ...r.notes]),
      ...made,
    };
  }
  return {
    employee_id: employeeId,
    name,
    total_pay: r.totalPay,
    employment_income: r.employmentIncome,
    income_adjustment: r.incomeAdjustment,
    social_insurance: r.socialInsurance,
    small_business_mutual_aid: r.smallBusinessMutualAid,
    life_insurance_deduction: r.life.total,
    earthquake_insurance_deduction: r.earthquake,
    spouse_deduction: r.spouse,
    specified_relative_deduction: r.specifiedRelative,
    dependants_deduction: r.dependants,
    basic_deduction: r.basic,
    total_deductions: r.totalDeductions,
    taxable_income: r.taxableIncome,
    computed_tax: r.computedTax,
    housing_loan_credit: r.housingLoanCredit,
    annual_tax: r.annualTax,
    withheld_tax: r.withheldTax,
    difference: r.difference,
    status: 'adjusted',
    note: noteText(r.notes),
    ...made,
  };
}

/** The rows as a 2-D table with the header, blank for null: for CSV and the spreadsheets. */
export function yearEndTable(rows: readonly YearEndRow[]): (string | number)[][] {
  return [[...YEAR_END_COLUMNS], ...rows.map((r) => YEAR_END_COLUMNS.map((c) => r[c] ?? ''))];
}

/** What a year-end run comes to: counts and the totals refunded and collected in the settling pay. */
export interface YearEndTotals {
  readonly employees: number;
  readonly adjusted: number;
  readonly not_adjusted: number;
  /** 過納額 refunded, summed over the adjusted employees. */
  readonly refund_total: Yen;
  /** 不足額 collected, summed over the adjusted employees. */
  readonly collected_total: Yen;
}

/**
 * The totals `urakata nencho` prints and a cloud year-end run records in its status.
 * @example yearEndTotals(rows) // { employees: 5, adjusted: 4, not_adjusted: 1, refund_total: 115270, collected_total: 0 }
 */
export function yearEndTotals(rows: readonly YearEndRow[]): YearEndTotals {
  const adjusted = rows.filter((r) => r.status === 'adjusted');
  return {
    employees: rows.length,
    adjusted: adjusted.length,
    not_adjusted: rows.length - adjusted.length,
    refund_total: adjusted.reduce((s, r) => s + Math.max(0, -(r.difference ?? 0)), 0),
    collected_total: adjusted.reduce((s, r) => s + Math.max(0, r.difference ?? 0), 0),
  };
}
