/**
 * 住民税 特別徴収 (resident tax withheld from pay). The municipality's notice gives the monthly
 * amounts June → next May and the employer deducts exactly those; this split is the statutory
 * default (地方税法§321の5①): July–May get ⌊annual ÷ 12⌋ to 100 yen, June gets the remainder.
 */
import { argumentError } from '../errors.js';
import { divideYen } from '../money/rate.js';
import { floorTo100 } from '../money/rounding.js';
import type { Yen } from '../money/yen.js';

/**
 * The instalment for a month (6 = June … 12, 1 … 5 = May).
 * @example residentTaxInstalment(180_300, 6) // 15,300 (July–May 15,000)
 */
export function residentTaxInstalment(annual: Yen, month: number): Yen {
  if (!Number.isSafeInteger(annual) || annual < 0) {
    throw argumentError('annual', annual, '年税額は0以上の整数の円で指定してください', 'annual amount must be whole yen, 0 or more');
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw argumentError('month', month, '月は1〜12で指定してください（6月が初回）', 'month must be 1–12 (June is the first)');
  }
  const monthly = divideYen(annual, 12, floorTo100);
  return month === 6 ? annual - monthly * 11 : monthly;
}
