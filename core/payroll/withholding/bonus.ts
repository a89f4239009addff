/**
 * 賞与に対する源泉徴収税額 (所得税法186条, NTA タックスアンサー No.2523): the 算出率の表 rate for the
 * previous month's pay, applied to the bonus; or, where the table must not be used, the 月額表 on
 * a sixth (a twelfth) of the bonus.
 */
import type { IsoDate } from '../../dates/calendar.js';
import { argumentError } from '../../errors.js';
import { applyRate, type Rate } from '../../money/rate.js';
import { floor } from '../../money/rounding.js';
import type { Yen } from '../../money/yen.js';
import { withholdForVersion } from './monthly.js';
import { lastAtOrBelow } from './search.js';
import type { BonusRateTable, TaxColumn, WithholdingMethod, WithholdingVersion } from './types.js';
import { checkAmount, checkColumn, checkDependents, checkMethod } from './validate.js';
import { withholdingVersionFor } from './years.js';

export interface BonusWithholdingInput {
  /** 賞与 − その社会保険料. */
  bonusAfterSocialInsurance: Yen;
  /** 前月の社会保険料等控除後の給与等の金額; 0 (or less: pay not above its insurance) = no pay last month. */
  previousMonthTaxable: Yen;
  dependents: number;
  column: TaxColumn;
  payDate: IsoDate;
  /** For the 月額表 step of the exception (default 'table'). */
  method?: WithholdingMethod;
  /** 賞与の計算期間が6か月を超える: ÷12 and ×12 instead of ÷6 and ×6 in the exception. */
  periodOverSixMonths?: boolean;
}

/**
 * The 算出率の表 must not be used (表の備考) when there was no pay last month, when that pay did not
 * exceed its social insurance (P ≤ 0), or when the bonus exceeds 10 × P. Then, with X = bonus ÷ 6
 * (1円未満切捨て; ÷ 12 if the bonus period exceeds six months):
 *   tax = (月額表(P + X) − 月額表(P)) × 6   (× 12)
 * Otherwise tax = bonus × rate(P), 1円未満切捨て.
 * @example bonusWithholding({ bonusAfterSocialInsurance: 500_000, previousMonthTaxable: 300_000, dependents: 2, column: 'kou', payDate: '2026-07-10' }) // 20_420 (4.084 %)
 */
export function bonusWithholding(input: BonusWithholdingInput): Yen {
  const { bonusAfterSocialInsurance: bonus, previousMonthTaxable: previous, dependents, column, payDate } = input;
  const method = input.method ?? 'table';
  checkAmount(bonus, 'bonus_after_si');
  checkAmount(previous, 'previous_month_after_si', true);
  checkColumn(column);
  checkMethod(method);
  checkDependents(dependents, column);
  const version = withholdingVersionFor(payDate);
  if (previous <= 0 || bonus > 10 * previous) {
    const divisor = input.periodOverSixMonths ? 12 : 6;
    const p = Math.max(previous, 0);
    const x = Math.floor(bonus / divisor);
    const withX = withholdForVersion(version, payDate, p + x, dependents, column, method);
    const without = withholdForVersion(version, payDate, p, dependents, column, method);
    return (withX - without) * divisor;
  }
  return applyRate(bonus, bonusRate(requireBonusTable(version, payDate), previous, dependents, column), floor);
}

/**
 * The 算出率 for the previous month's pay P. 甲 7人以上 share one column (算出率の表 has no per-person step).
 * @example bonusRate(bonusRateTableR8, 300_000, 2, 'kou') // 4.084 %
 */
export function bonusRate(table: BonusRateTable, previous: Yen, dependents: number, column: TaxColumn): Rate {
  if (column === 'otsu') {
    const bands = table.otsu;
    const i = lastAtOrBelow(bands.length, (j) => (bands[j] as (typeof bands)[number]).from, previous);
    return (bands[Math.max(i, 0)] as (typeof bands)[number]).rate;
  }
  const from = table.kouFrom[Math.min(dependents, 7)] as readonly Yen[];
  const i = lastAtOrBelow(from.length, (j) => from[j] as number, previous);
  return table.kouRates[i + 1] as Rate;
}

function requireBonusTable(version: WithholdingVersion, payDate: IsoDate): BonusRateTable {
  if (version.bonus) return version.bonus;
  const year = Number(payDate.slice(0, 4));
  throw argumentError(
    'pay_date',
    payDate,
    `${year}年分（${version.label}）の賞与に対する源泉徴収税額の算出率の表は未収録です`,
    `no bonus withholding rate table (算出率の表) for ${year} is included`,
  );
}
