/**
 * The 甲欄 rate ladder of 賞与に対する源泉徴収税額の算出率の表 (rates incl. 復興特別所得税 = plain rate × 1.021).
 * The same 21 rates in 令和8年分 and 令和9年分; only the thresholds move between years.
 * @example BONUS_KOU_RATES[1] // 2.042 % = 2,042 / 100,000
 */
import { percent, type Rate } from '../../../money/rate.js';

export const BONUS_KOU_RATES: readonly Rate[] = [
  '0',
  '2.042',
  '4.084',
  '6.126',
  '8.168',
  '10.21',
  '12.252',
  '14.294',
  '16.336',
  '18.378',
  '20.42',
  '22.462',
  '24.504',
  '26.546',
  '28.588',
  '30.63',
  '32.672',
  '35.735',
  '38.798',
  '41.861',
  '45.945',
].map((text) => percent(text));
