/**
 * Splitting a premium between employee and employer. The employee share deducted from pay rounds
 * 50銭以下切捨て・50銭超切上げ (`employeeShareDeduction`); the employer bears the rest of the exact
 * total, with the fraction below one yen dropped (国等の債権債務等の金額の端数計算に関する法律§2:
 * the 納入告知 total carries no fraction of a yen). So employee + employer = ⌊total⌋ always.
 */
import { applyRate, applyRateShare, type Rate } from '../money/rate.js';
import { employeeShareDeduction, floor } from '../money/rounding.js';
import type { Yen } from '../money/yen.js';

export interface Share {
  readonly employee: Yen;
  readonly employer: Yen;
}

/**
 * 折半 (half each) of `base × rate`: 健康保険, 介護, 支援金, 厚生年金.
 * @example halfShare(134_000, percent('9.85')) // {employee: 6599, employer: 6600} (13,199 in all)
 */
export function halfShare(base: Yen, rate: Rate): Share {
  const employee = applyRateShare(base, rate, 2, employeeShareDeduction);
  return { employee, employer: applyRate(base, rate, floor) - employee };
}

/**
 * A worker rate and a total rate that are not halves (雇用保険: 5/1000 of 13.5/1000).
 * @example workerShare(300_100, perMille('5'), perMille('13.5')) // {employee: 1500, employer: 2551}
 */
export function workerShare(base: Yen, workerRate: Rate, totalRate: Rate): Share {
  const employee = applyRate(base, workerRate, employeeShareDeduction);
  return { employee, employer: applyRate(base, totalRate, floor) - employee };
}
