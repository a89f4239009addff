/**
 * 雇用保険料 (employment insurance) on the wages actually paid — overtime, 通勤手当 and bonuses
 * included, no grade and no cap (労働保険徴収法§11). The worker share deducted from pay rounds
 * 50銭以下切捨て・50銭超切上げ (厚労省「雇用保険被保険者からの雇用保険料の控除方法」).
 */
import { addRates } from '../money/rate.js';
import type { IsoDate } from '../dates/calendar.js';
import type { Yen } from '../money/yen.js';
import type { EmploymentIndustry } from './rates/employment.js';
import { employmentTableFor } from './rates/select.js';
import { type Share, workerShare } from './share.js';

/**
 * Worker and employer shares on `wage`, at the rates of the wage closing date's 年度.
 * @example employmentInsurance(300_102, 'general', '2026-04-30') // {employee: 1501, employer: 2550}
 */
export function employmentInsurance(wage: Yen, industry: EmploymentIndustry | 'none', closingDate: IsoDate): Share {
  const table = employmentTableFor(closingDate);
  if (industry === 'none') return { employee: 0, employer: 0 };
  const r = table.rates[industry];
  return workerShare(wage, r.worker, addRates(r.worker, r.employer));
}
