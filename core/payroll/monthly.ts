/**
 * One employee's monthly pay (月次給与): gross pay, social insurance, 雇用保険, 源泉所得税, 住民税
 * and net pay, with the employer's shares beside them.
 *
 * Three different bases, on purpose:
 * - social insurance on the 標準報酬月額 grade (報酬 incl. 通勤手当), of the insurance month;
 * - 雇用保険 on the wages actually paid this month (incl. 通勤手当 and overtime);
 * - 源泉所得税 on gross − non-taxable 通勤手当 − the employee's social insurance (月額表の「社会保険料等控除後の給与等の金額」).
 */
import { addMonths, firstDayOfMonth, type IsoDate, lastDayOfMonth, yearMonth } from '../dates/calendar.js';
import type { Rate } from '../money/rate.js';
import type { Yen } from '../money/yen.js';
import { careInsuranceDue, healthDue, pensionDue } from './age-rules.js';
import { nonTaxableCommute } from './commute.js';
import { employmentInsurance } from './employment-insurance.js';
import type { Attendance, Employee } from './input.js';
import type { PayrollRow } from './output.js';
import { type OvertimePay, overtimePay } from './overtime.js';
import type { InsuranceMonth } from './rates/select.js';
import { type InsuranceRates, insuranceRates, type Premiums, premiums } from './social-insurance.js';
import type { Share } from './share.js';
import { pensionStandardFromHealth, standardMonthly } from './standard-remuneration.js';
import { monthlyWithholding, type WithholdingMethod } from './withholding/index.js';

export interface PayPeriod {
  readonly payDate: IsoDate;
  /** 賃金締切日: selects the 雇用保険 rate. */
  readonly closingDate: IsoDate;
  /** 保険料の月 whose premium this pay deducts. */
  readonly insuranceMonth: InsuranceMonth;
  readonly withholdingMethod: WithholdingMethod;
}

export interface PeriodOptions {
  readonly closingDate?: IsoDate | undefined;
  /** 当月徴収: this month's premium from this month's pay (default 翌月徴収: last month's premium). */
  readonly sameMonthCollection?: boolean | undefined;
  readonly withholdingMethod?: WithholdingMethod | undefined;
}

/**
 * The dates a pay date implies. Default closing date: the last day of the month before the pay
 * date's month. Default collection: 翌月徴収 (健康保険法§167①, 厚生年金保険法§84①), so May pay
 * deducts April's premium.
 * @example payPeriod('2026-05-25') // {closingDate: '2026-04-30', insuranceMonth: '2026-04', …}
 */
export function payPeriod(payDate: IsoDate, o: PeriodOptions = {}): PayPeriod {
  const previousMonth = addMonths(firstDayOfMonth(payDate), -1);
  return {
    payDate,
    closingDate: o.closingDate ?? lastDayOfMonth(previousMonth),
    insuranceMonth: yearMonth(o.sameMonthCollection ? payDate : previousMonth),
    withholdingMethod: o.withholdingMethod ?? 'table',
  };
}

/** What a payslip shows beyond the output columns. */
export interface PayDetail {
  readonly period: PayPeriod;
  readonly baseSalary: Yen;
  readonly fixedAllowances: Yen;
  readonly excludedAllowances: Yen;
  readonly otherPay: Yen;
  readonly overtime: OvertimePay;
  readonly nonTaxableCommute: Yen;
  readonly pensionStandard: Yen;
  readonly rates: InsuranceRates;
  readonly premiums: Premiums;
  readonly dependents: number;
  readonly taxColumn: 'kou' | 'otsu';
}

export interface PayResult {
  readonly row: PayrollRow;
  readonly detail: PayDetail;
}

const NO_OVERTIME: OvertimePay = { overtime: 0, over60: 0, holiday: 0, lateNight: 0, total: 0 };

/** Whether the attendance has premium hours, which need `scheduled_hours` to be priced. */
export function hasPremiumHours(a: Pick<Attendance, 'overtime_hours' | 'late_night_hours' | 'holiday_hours'>): boolean {
  return a.overtime_hours.num > 0 || a.late_night_hours.num > 0 || a.holiday_hours.num > 0;
}

/**
 * Computes one employee's month. Throws InputError for dates outside the known tables and
 * RangeError for overtime without `scheduled_hours` (the batch checks both first).
 * @example monthlyPay(employee, attendance, payPeriod('2026-05-25')).row.net_pay
 */
export function monthlyPay(e: Employee, a: Omit<Attendance, 'employee_id'>, period: PayPeriod): PayResult {
  const overtime = hasPremiumHours(a) ? overtimePay(overtimeInput(e, a, requireScheduled(e.scheduled_hours))) : NO_OVERTIME;
  const gross = e.monthly_salary + e.fixed_allowances + e.excluded_allowances + e.commute_allowance + overtime.total + a.other_pay;
  const healthStandard =
    e.standard_monthly ?? standardMonthly(e.monthly_salary + e.fixed_allowances + e.excluded_allowances + e.commute_allowance);
  const pensionStandard = pensionStandardFromHealth(healthStandard);
  const month = period.insuranceMonth;
  const rates = employeeRates(e, month);
  const p = premiums(healthStandard, pensionStandard, rates);
  const ei = employmentInsurance(gross, e.employment_insurance, period.closingDate);
  const socialTotal = employeeInsuranceColumns(p, ei).social_insurance_total;
  const freeCommute = nonTaxableCommute(e.commute_allowance);
  const taxable = Math.max(0, gross - freeCommute - socialTotal);
  const incomeTax = monthlyWithholding({
    taxable,
    dependents: e.dependents,
    column: e.tax_column,
    payDate: period.payDate,
    method: period.withholdingMethod,
  });
  const totalDeduction = socialTotal + incomeTax + e.resident_tax + a.other_deduction;
  return {
    row: {
      employee_id: e.employee_id,
      name: e.name,
      standard_monthly: healthStandard,
      gross_pay: gross,
      overtime_pay: overtime.total,
      commute_allowance: e.commute_allowance,
      taxable_pay: taxable,
      ...employeeInsuranceColumns(p, ei),
      income_tax: incomeTax,
      resident_tax: e.resident_tax,
      other_deduction: a.other_deduction,
      total_deduction: totalDeduction,
      net_pay: gross - totalDeduction,
      ...employerColumns(p, ei),
      year_end_adjustment: 0,
      pay_date: period.payDate,
      pay_kind: 'salary',
    },
    detail: {
      period,
      baseSalary: e.monthly_salary,
      fixedAllowances: e.fixed_allowances,
      excludedAllowances: e.excluded_allowances,
      otherPay: a.other_pay,
      overtime,
      nonTaxableCommute: freeCommute,
      pensionStandard,
      rates,
      premiums: p,
      dependents: e.dependents,
      taxColumn: e.tax_column,
    },
  };
}

/**
 * The insurance rates for an employee in an insurance month, with the age rules applied.
 * @example employeeRates(employee, '2026-04').care // true for ages 40–64
 */
export function employeeRates(e: Employee, month: InsuranceMonth): InsuranceRates {
  return insuranceRates(month, {
    prefecture: e.prefecture,
    care: careInsuranceDue(e.birth_date, month),
    healthRateOverride: e.health_rate,
    pension: pensionDue(e.birth_date, month),
    health: healthDue(e.birth_date, month),
  });
}

/** The employee-share columns of a row, and their total (社会保険料等 for withholding). */
export function employeeInsuranceColumns(p: Premiums, ei: Share) {
  return {
    health_insurance: p.health.employee,
    child_support: p.childSupport.employee,
    pension: p.pension.employee,
    employment_insurance: ei.employee,
    social_insurance_total: p.health.employee + p.childSupport.employee + p.pension.employee + ei.employee,
  };
}

/** The employer-share columns of a row. */
export function employerColumns(p: Premiums, ei: Share) {
  return {
    employer_health_insurance: p.health.employer,
    employer_child_support: p.childSupport.employer,
    employer_pension: p.pension.employer,
    employer_child_contribution: p.childContribution,
    employer_employment_insurance: ei.employer,
  };
}

function requireScheduled(hours: Rate | undefined): Rate {
  if (!hours) throw new RangeError('scheduled_hours is needed to price overtime');
  return hours;
}

function overtimeInput(e: Employee, a: Omit<Attendance, 'employee_id'>, scheduledHours: Rate) {
  return {
    monthlyBase: e.monthly_salary + e.fixed_allowances,
    scheduledHours,
    overtimeHours: a.overtime_hours,
    lateNightHours: a.late_night_hours,
    holidayHours: a.holiday_hours,
  };
}
