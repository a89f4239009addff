/**
 * 割増賃金 (statutory overtime premiums, 労働基準法§37, 割増賃金令 平成6年政令第5号).
 *
 * Hourly base = (基本給 + 固定手当) ÷ 月平均所定労働時間 (労基則§19①四), kept exact: the allowances
 * listed in 労基則§21 (家族・通勤・別居・子女教育・住宅手当, 臨時の賃金, 1か月超ごとの賃金) stay out
 * of the base, so callers pass them as `excluded_allowances`, not here.
 * Each category's monthly amount is rounded on its own, 50銭未満切捨て・50銭以上切上げ
 * (昭和63年3月14日 基発第150号): at 1,875円/h, 10h of night overtime is 23,438 + 4,688 = 28,126.
 * Hours are exact decimals (1.5 = 1h30m); rounding the hours themselves is left to the employer.
 */
import { rate, type Rate, subtractRates } from '../money/rate.js';
import { overtimePremium } from '../money/rounding.js';
import type { Yen } from '../money/yen.js';

/** Statutory minimum multipliers (SMEs included in the 60-hour rule since 2023-04-01). */
export const OVERTIME_MULTIPLIERS = {
  /** 時間外労働 125 % (労基法§37①). */
  overtime: rate(125, 100),
  /** 1か月60時間を超える時間外労働 150 % (労基法§37① ただし書). */
  over60: rate(150, 100),
  /** 法定休日労働 135 % (割増賃金令). */
  holiday: rate(135, 100),
  /** 深夜労働 (22時〜5時) +25 % on top of whatever else the hour earns (労基法§37④). */
  lateNight: rate(25, 100),
  /** Hours of 時間外 beyond which the 50 % rate applies. */
  over60Threshold: rate(60, 1),
} as const;

export interface OvertimeInput {
  /** 基本給 + 割増の基礎に入る手当 (monthly). */
  readonly monthlyBase: Yen;
  /** 月平均所定労働時間. */
  readonly scheduledHours: Rate;
  /** All 時間外 hours of the month (the part beyond 60 is paid at 150 %). */
  readonly overtimeHours: Rate;
  /** 深夜 hours (22:00–05:00), whatever else they are. */
  readonly lateNightHours: Rate;
  /** 法定休日 hours (not counted toward the 60 hours). */
  readonly holidayHours: Rate;
  /** Override of the hours beyond 60 (must not exceed overtimeHours); default max(0, overtime − 60). */
  readonly over60Hours?: Rate | undefined;
}

export interface OvertimePay {
  readonly overtime: Yen;
  readonly over60: Yen;
  readonly holiday: Yen;
  readonly lateNight: Yen;
  readonly total: Yen;
}

const big = (r: Rate) => ({ n: BigInt(r.num), d: BigInt(r.den) });

/** base × hours × multiplier ÷ scheduled, rounded once under 基発第150号. */
function category(base: Yen, scheduled: Rate, hours: Rate, multiplier: Rate): Yen {
  const h = big(hours);
  const m = big(multiplier);
  const s = big(scheduled);
  return Number(overtimePremium.apply(BigInt(base) * h.n * m.n * s.d, h.d * m.d * s.n));
}

function isPositive(r: Rate): boolean {
  return r.num > 0;
}

/**
 * The month's premiums by category.
 * @example overtimePay({monthlyBase: 300_000, scheduledHours: rate(160, 1), overtimeHours: rate(10, 1), lateNightHours: rate(10, 1), holidayHours: rate(0, 1)})
 * // 1,875/h: overtime 23,438, late night 4,688, total 28,126
 */
export function overtimePay(i: OvertimeInput): OvertimePay {
  if (!isPositive(i.scheduledHours)) throw new RangeError('scheduled hours must be positive');
  for (const h of [i.overtimeHours, i.lateNightHours, i.holidayHours, i.over60Hours]) {
    if (h && h.num < 0) throw new RangeError('hours must not be negative');
  }
  const auto = subtractRates(i.overtimeHours, OVERTIME_MULTIPLIERS.over60Threshold);
  const over60 = i.over60Hours ?? (isPositive(auto) ? auto : rate(0, 1));
  const upTo60 = subtractRates(i.overtimeHours, over60);
  if (upTo60.num < 0) throw new RangeError('over-60 hours exceed the overtime hours');
  const M = OVERTIME_MULTIPLIERS;
  const overtime = category(i.monthlyBase, i.scheduledHours, upTo60, M.overtime);
  const over60Pay = category(i.monthlyBase, i.scheduledHours, over60, M.over60);
  const holiday = category(i.monthlyBase, i.scheduledHours, i.holidayHours, M.holiday);
  const lateNight = category(i.monthlyBase, i.scheduledHours, i.lateNightHours, M.lateNight);
  return { overtime, over60: over60Pay, holiday, lateNight, total: overtime + over60Pay + holiday + lateNight };
}
