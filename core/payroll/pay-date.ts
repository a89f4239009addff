/**
 * 給与支給日 under a pay schedule: the pay date a month has, moved back over weekends and holidays;
 * the months whose pay falls in a window; which pay is the last of its year (the one that carries
 * the 年末調整). The dates a pay date implies (closing date, insurance month) are `payPeriod` in
 * monthly.ts.
 */
import { addDays, type IsoDate, lastDayOfMonth } from '../dates/calendar.js';
import { bankBusinessDayOnOrBefore, HolidayRangeError } from '../dates/holidays.js';

/** The month after a `YYYY-MM`. */
const monthAfter = (yearMonth: string): string => addDays(lastDayOfMonth(`${yearMonth}-01`), 1).slice(0, 7);

/**
 * 給与支給日 of a month under a schedule: the configured day (capped at the month's end), moved
 * back to the previous bank business day when it falls on a weekend or holiday — the usual
 * 就業規則 wording (「支給日が休日のときは前営業日」). A year the holiday table does not cover throws
 * HolidayRangeError.
 * @example scheduledPayDate(25, '2026-01') // '2026-01-23' (the 25th is a Sunday)
 */
export function scheduledPayDate(payDay: number, yearMonth: string): IsoDate {
  const last = lastDayOfMonth(`${yearMonth}-01`);
  return bankBusinessDayOnOrBefore(`${yearMonth}-${String(Math.min(payDay, Number(last.slice(8)))).padStart(2, '0')}`);
}

/**
 * The pay months whose pay date falls after `today` and no later than `target`, with that date.
 * A month's pay date can fall in the month before (pay day 1 of January 2027 is paid on
 * 2026-12-30), so the month after `target`'s is looked at too.
 * @example payMonthsDue(1, '2026-12-27', '2026-12-30') // [{ month: '2027-01', payDate: '2026-12-30' }]
 */
export function payMonthsDue(payDay: number, today: IsoDate, target: IsoDate): { month: string; payDate: IsoDate }[] {
  const months = [...new Set([today.slice(0, 7), target.slice(0, 7)])].map((month) => ({
    month,
    payDate: scheduledPayDate(payDay, month),
  }));
  // The month after is only looked ahead to: before its year's holidays are in the table (they
  // are added each year), its pay date cannot have moved back into this window's month.
  const next = monthAfter(target.slice(0, 7));
  try {
    months.push({ month: next, payDate: scheduledPayDate(payDay, next) });
  } catch (e) {
    if (!(e instanceof HolidayRangeError)) throw e;
  }
  return months.filter((m) => m.payDate > today && m.payDate <= target);
}

/**
 * Whether the pay of `month`, paid on `payDate`, is the schedule's last pay dated in its year —
 * the one that carries the year-end settlement: the next month's pay date falls in the next year.
 * A next year the holiday table does not cover yet is never paid early into this one.
 * @example isLastPayOfYear(25, '2026-12', '2026-12-25') // true
 * @example isLastPayOfYear(1, '2026-12', '2026-12-01') // false: January's pay (day 1) is paid on 2026-12-30
 */
export function isLastPayOfYear(payDay: number, month: string, payDate: IsoDate): boolean {
  const next = monthAfter(month);
  try {
    return scheduledPayDate(payDay, next).slice(0, 4) !== payDate.slice(0, 4);
  } catch (e) {
    if (!(e instanceof HolidayRangeError)) throw e;
    return next.slice(0, 4) !== payDate.slice(0, 4);
  }
}
