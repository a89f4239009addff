/**
 * Which insurance months a person owes 介護保険 (long-term care), 厚生年金 and 健康保険 by age.
 * Ages are reached on the day before the birthday (年齢計算ニ関スル法律), and a premium is owed for
 * the month in which the status starts but not for the month in which it is lost (健康保険法§156③,
 * 厚生年金保険法§19①). So someone born on the 1st moves a whole month earlier.
 */
import { dateOfReachingAge, type IsoDate, ymd, yearMonth } from '../dates/calendar.js';
import type { InsuranceMonth } from './rates/select.js';

/**
 * 介護保険第2号被保険者 (40–64): from the month containing the day before the 40th birthday, up to
 * the month before the one containing the day before the 65th birthday (then the municipality collects).
 * @example careInsuranceDue('1986-05-01', '2026-04') // true (reaches 40 on 2026-04-30)
 */
export function careInsuranceDue(birthDate: IsoDate, month: InsuranceMonth): boolean {
  return yearMonth(dateOfReachingAge(birthDate, 40)) <= month && month < yearMonth(dateOfReachingAge(birthDate, 65));
}

/**
 * 厚生年金 ends on reaching 70 (資格喪失日 = the day before the 70th birthday); that month carries no premium.
 * @example pensionDue('1956-06-15', '2026-06') // false (reaches 70 on 2026-06-14)
 */
export function pensionDue(birthDate: IsoDate, month: InsuranceMonth): boolean {
  return month < yearMonth(dateOfReachingAge(birthDate, 70));
}

/**
 * 健康保険 ends on the 75th birthday itself (後期高齢者医療, 高齢者医療確保法§50); that month carries no premium.
 * @example healthDue('1951-06-01', '2026-06') // false
 */
export function healthDue(birthDate: IsoDate, month: InsuranceMonth): boolean {
  const b = ymd(birthDate);
  const seventyFifth = `${String(b.year + 75).padStart(4, '0')}-${String(b.month).padStart(2, '0')}`;
  return month < seventyFifth;
}
