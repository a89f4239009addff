/**
 * One employee's bonus (賞与): 標準賞与額 with its caps, social insurance, 雇用保険 and 源泉所得税.
 *
 * - 標準賞与額 = the bonus with the part under 1,000 yen dropped (健康保険法§45, 厚生年金保険法§24の4).
 *   Health (and 介護, 支援金) stops at 5,730,000 per 年度 (April–March) cumulative; pension (and the
 *   拠出金) at 1,500,000 per month, all bonuses of the month together.
 * - The premium is that of the month the bonus is paid, deducted from the bonus itself.
 * - 雇用保険 is on the actual bonus, no cap; the rate is that of the 年度 of the pay date.
 * - Tax: 賞与に対する源泉徴収税額の算出率の表 on the bonus after its social insurance, keyed on last
 *   month's pay after social insurance (`bonusWithholding` handles the 10× and no-previous-pay cases,
 *   ÷ 12 instead of ÷ 6 when the bonus's calculation period is over six months).
 */
import { type IsoDate, yearMonth } from '../dates/calendar.js';
import { roundYen } from '../money/rate.js';
import { floorTo1000 } from '../money/rounding.js';
import type { Yen } from '../money/yen.js';
import { employmentInsurance } from './employment-insurance.js';
import type { BonusLine, Employee } from './input.js';
import type { PayrollRow } from './output.js';
import { BONUS_CAPS } from './rates/social.js';
import { employeeInsuranceColumns, employeeRates, employerColumns } from './monthly.js';
import { type InsuranceRates, type Premiums, premiums } from './social-insurance.js';
import { bonusWithholding, type WithholdingMethod } from './withholding/index.js';

export interface StandardBonus {
  /** 標準賞与額 before the caps. */
  readonly standard: Yen;
  readonly healthBase: Yen;
  readonly pensionBase: Yen;
}

/**
 * `healthToDate`: 標準賞与額 so far this 年度; `pensionThisMonth`: 標準賞与額 of bonuses already paid
 * this month (the pension cap is per month: a second bonus in the month fills what is left of it).
 * @example standardBonus(1_234_567, 5_000_000) // {standard: 1,234,000, healthBase: 730,000, pensionBase: 1,234,000}
 */
export function standardBonus(bonus: Yen, healthToDate: Yen, pensionThisMonth: Yen = 0): StandardBonus {
  const standard = roundYen(bonus, floorTo1000);
  return {
    standard,
    healthBase: Math.min(standard, Math.max(0, BONUS_CAPS.healthPerFiscalYear - healthToDate)),
    pensionBase: Math.min(standard, Math.max(0, BONUS_CAPS.pensionPerMonth - pensionThisMonth)),
  };
}

export interface BonusDetail {
  readonly payDate: IsoDate;
  readonly standard: StandardBonus;
  readonly rates: InsuranceRates;
  readonly premiums: Premiums;
}

export interface BonusResult {
  readonly row: PayrollRow;
  readonly detail: BonusDetail;
}

/** A bonus line; the calculation period defaults to 6 months and the month's earlier bonuses to none. */
export type BonusInput = Omit<BonusLine, 'employee_id' | 'period_months' | 'pension_bonus_this_month'> &
  Partial<Pick<BonusLine, 'period_months' | 'pension_bonus_this_month'>>;

/**
 * @example bonusPay(employee, {bonus: 500_000, previous_taxable: 260_000, bonus_to_date: 0}, '2026-07-10', 'table').row.net_pay
 */
export function bonusPay(e: Employee, b: BonusInput, payDate: IsoDate, method: WithholdingMethod): BonusResult {
  const month = yearMonth(payDate);
  const std = standardBonus(b.bonus, b.bonus_to_date, b.pension_bonus_this_month ?? 0);
  const rates = employeeRates(e, month);
  const p = premiums(std.healthBase, std.pensionBase, rates);
  const ei = employmentInsurance(b.bonus, e.employment_insurance, payDate);
  const socialTotal = employeeInsuranceColumns(p, ei).social_insurance_total;
  const afterSocial = Math.max(0, b.bonus - socialTotal);
  const incomeTax = bonusWithholding({
    bonusAfterSocialInsurance: afterSocial,
    previousMonthTaxable: b.previous_taxable,
    dependents: e.dependents,
    column: e.tax_column,
    payDate,
    method,
    periodOverSixMonths: (b.period_months ?? 6) > 6,
  });
  const totalDeduction = socialTotal + incomeTax;
  return {
    row: {
      employee_id: e.employee_id,
      name: e.name,
      standard_monthly: std.standard,
      gross_pay: b.bonus,
      overtime_pay: 0,
      commute_allowance: 0,
      taxable_pay: afterSocial,
      ...employeeInsuranceColumns(p, ei),
      income_tax: incomeTax,
      resident_tax: 0,
      other_deduction: 0,
      total_deduction: totalDeduction,
      net_pay: b.bonus - totalDeduction,
      ...employerColumns(p, ei),
      year_end_adjustment: 0,
      pay_date: payDate,
      pay_kind: 'bonus',
    },
    detail: { payDate, standard: std, rates, premiums: p },
  };
}
