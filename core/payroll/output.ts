/** The output columns of `urakata payroll` and `urakata bonus` (issue 3 §4), in order. */
import type { IsoDate } from '../dates/calendar.js';
import type { Yen } from '../money/yen.js';

export const PAYROLL_COLUMNS = [
  'employee_id',
  'name',
  'standard_monthly',
  'gross_pay',
  'overtime_pay',
  'commute_allowance',
  'taxable_pay',
  'health_insurance',
  'child_support',
  'pension',
  'employment_insurance',
  'social_insurance_total',
  'income_tax',
  'resident_tax',
  'other_deduction',
  'total_deduction',
  'net_pay',
  'employer_health_insurance',
  'employer_child_support',
  'employer_pension',
  'employer_child_contribution',
  'employer_employment_insurance',
  'year_end_adjustment',
  'pay_date',
  'pay_kind',
] as const;

export type PayrollColumn = (typeof PAYROLL_COLUMNS)[number];

/** Columns that hold text: the id, the name, the pay date and its kind. */
type TextColumn = 'employee_id' | 'name' | 'pay_date' | 'pay_kind';

/** A salary (給与, `urakata payroll`) or a bonus (賞与, `urakata bonus`): the 源泉徴収簿 keeps them apart, and a year-end settlement goes into a salary. */
export type PayKind = 'salary' | 'bonus';

/** How a pay_kind cell may be written. */
export const PAY_KINDS: Readonly<Record<string, PayKind>> = { salary: 'salary', bonus: 'bonus', 給与: 'salary', 賞与: 'bonus' };

/**
 * One output row: text for the id, name and pay date, yen for every other column.
 * `year_end_adjustment` is the 年末調整 settlement carried into this pay (a refund positive, tax
 * collected negative; 0 outside the year-end pay): `net_pay` includes it, the regular items do not.
 * `pay_date` (支給日) lets the year's runs be summed by pay date for the 年末調整, `pay_kind` tells a
 * salary from a bonus.
 */
export type PayrollRow = { readonly employee_id: string; readonly name: string; readonly pay_date: IsoDate; readonly pay_kind: PayKind } & {
  readonly [K in Exclude<PayrollColumn, TextColumn>]: Yen;
};

/** Japanese labels, for payslips and the PAYROLL spreadsheet header tooltip. */
export const PAYROLL_COLUMN_LABELS: Readonly<Record<PayrollColumn, string>> = {
  employee_id: '社員番号',
  name: '氏名',
  standard_monthly: '標準報酬月額',
  gross_pay: '総支給額',
  overtime_pay: '時間外手当',
  commute_allowance: '通勤手当',
  taxable_pay: '課税対象額（社保控除後）',
  health_insurance: '健康保険料（介護含む）',
  child_support: '子ども・子育て支援金',
  pension: '厚生年金保険料',
  employment_insurance: '雇用保険料',
  social_insurance_total: '社会保険料計',
  income_tax: '源泉所得税',
  resident_tax: '住民税',
  other_deduction: 'その他控除',
  total_deduction: '控除合計',
  net_pay: '差引支給額',
  employer_health_insurance: '健康保険料（事業主）',
  employer_child_support: '子ども・子育て支援金（事業主）',
  employer_pension: '厚生年金保険料（事業主）',
  employer_child_contribution: '子ども・子育て拠出金（事業主）',
  employer_employment_insurance: '雇用保険料（事業主）',
  year_end_adjustment: '年末調整（還付＋／徴収−）',
  pay_date: '支給日',
  pay_kind: '支給の種類（給与 salary／賞与 bonus）',
};
