/**
 * 通勤手当 (commuting allowance). Non-taxable up to 150,000 yen a month for public transport
 * (所得税法§9①五, 所得税法施行令§20の2; 150,000 since 2016-01-01); the excess is taxable pay.
 * It is still 報酬 for the 標準報酬月額 (健康保険法§3⑤) and wages for 雇用保険, in full.
 */
import type { Yen } from '../money/yen.js';

export const COMMUTE_NON_TAXABLE_LIMIT = {
  monthly: 150_000,
  from: '2016-01-01',
  source: '所得税法施行令§20の2（平成28年1月1日以後 月額15万円）',
} as const;

/**
 * The non-taxable part of a month's commuting allowance.
 * @example nonTaxableCommute(160_000) // 150,000 (10,000 is taxable)
 */
export function nonTaxableCommute(allowance: Yen): Yen {
  return Math.max(0, Math.min(allowance, COMMUTE_NON_TAXABLE_LIMIT.monthly));
}
