/**
 * 社会保険料 (social-insurance premiums) on a 標準報酬月額 or 標準賞与額: 健康保険 (with 介護 for
 * ages 40–64), 子ども・子育て支援金, 厚生年金, and the employer-only 子ども・子育て拠出金.
 *
 * Employee share: the total at the combined rate, halved, rounded once under
 * 50銭以下切捨て・50銭超切上げ (deducted from pay). 介護 is not rounded on its own: 協会けんぽ prints
 * 健康保険+介護 as one rate (11.47 %), and the half is rounded on that. 支援金 is its own levy and its
 * own payslip line, so it is rounded separately.
 * Employer share: the exact total less the employee share (see `share.ts`).
 */
import { addRates, applyRate, type Rate, ZERO_RATE } from '../money/rate.js';
import { floor } from '../money/rounding.js';
import type { Yen } from '../money/yen.js';
import type { PrefectureCode } from './prefectures.js';
import { type InsuranceMonth, kyoukaiTableFor, outOfTables, rateFor } from './rates/select.js';
import { CHILD_CONTRIBUTION_RATES, CHILD_SUPPORT_RATES, PENSION_GRADE_WINDOW, PENSION_RATES } from './rates/social.js';
import { halfShare, type Share } from './share.js';

export type { Share };

export interface InsuranceRates {
  /** 健康保険料率, plus 介護保険料率 when due. */
  readonly health: Rate;
  readonly care: boolean;
  readonly childSupport: Rate;
  readonly pension: Rate;
  readonly childContribution: Rate;
  /** e.g. 令和8年度 (協会けんぽ) or 組合健保. */
  readonly healthTable: string;
}

export interface RateOptions {
  readonly prefecture: PrefectureCode;
  /** 介護保険第2号被保険者 this month. */
  readonly care: boolean;
  /** 組合健保: the 健康保険料率 without 介護 (replaces the 協会けんぽ rate). */
  readonly healthRateOverride?: Rate | undefined;
  /** false from the month of reaching 70. */
  readonly pension?: boolean;
  /** false from the month of the 75th birthday (後期高齢者). */
  readonly health?: boolean;
}

/**
 * The rates that apply in an insurance month. Throws InputError outside the known tables.
 * @example insuranceRates('2026-04', {prefecture: 13, care: true}).health // 11.47 %
 */
export function insuranceRates(month: InsuranceMonth, o: RateOptions): InsuranceRates {
  const table = kyoukaiTableFor(month);
  if (month < PENSION_GRADE_WINDOW.from || month > PENSION_GRADE_WINDOW.to) {
    throw outOfTables(
      'insurance_month',
      month,
      '厚生年金の標準報酬月額等級',
      'pension grades',
      PENSION_GRADE_WINDOW.from,
      PENSION_GRADE_WINDOW.to,
    );
  }
  const base = o.healthRateOverride ?? table.healthRates[o.prefecture - 1];
  if (!base) throw new RangeError(`prefecture code ${o.prefecture} is not 1–47`);
  const healthDue = o.health !== false;
  return {
    health: healthDue ? (o.care ? addRates(base, table.careRate) : base) : ZERO_RATE,
    care: healthDue && o.care,
    childSupport: healthDue ? rateFor(CHILD_SUPPORT_RATES, month, '子ども・子育て支援金率', 'child-support levy rate') : ZERO_RATE,
    pension: o.pension === false ? ZERO_RATE : rateFor(PENSION_RATES, month, '厚生年金保険料率', 'pension rate'),
    childContribution:
      o.pension === false ? ZERO_RATE : rateFor(CHILD_CONTRIBUTION_RATES, month, '子ども・子育て拠出金率', 'child-care contribution rate'),
    healthTable: o.healthRateOverride ? '組合健保' : `協会けんぽ ${table.name}`,
  };
}

export interface Premiums {
  readonly health: Share;
  readonly childSupport: Share;
  readonly pension: Share;
  /** 子ども・子育て拠出金, employer only. */
  readonly childContribution: Yen;
}

/**
 * Premiums on a health base (標準報酬月額 or 標準賞与額) and a pension base.
 * @example premiums(300_000, 300_000, rates) // Tokyo R8 age 45: health 17,205, 支援金 345, pension 27,450
 */
export function premiums(healthBase: Yen, pensionBase: Yen, rates: InsuranceRates): Premiums {
  return {
    health: halfShare(healthBase, rates.health),
    childSupport: halfShare(healthBase, rates.childSupport),
    pension: halfShare(pensionBase, rates.pension),
    childContribution: applyRate(pensionBase, rates.childContribution, floor),
  };
}
