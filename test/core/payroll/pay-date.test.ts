import { describe, expect, it } from 'vitest';
import { addDays } from '../../../core/dates/calendar.js';
import { HolidayRangeError } from '../../../core/dates/holidays.js';
import { isLastPayOfYear, payMonthsDue, scheduledPayDate } from '../../../core/payroll/index.js';

describe('the pay date of a scheduled month', () => {
  it('moves a scheduled pay day on a weekend or holiday back to the previous bank business day', () => {
    expect(scheduledPayDate(25, '2026-05')).toBe('2026-05-25'); // Monday
    expect(scheduledPayDate(25, '2026-01')).toBe('2026-01-23'); // 25th is a Sunday → Friday
    // 5/5 こどもの日, 5/4 みどりの日, 5/3 憲法記念日 (Sunday), 5/2 Saturday → Friday 5/1.
    expect(scheduledPayDate(5, '2026-05')).toBe('2026-05-01');
    expect(scheduledPayDate(31, '2026-02')).toBe('2026-02-27'); // 28th is a Saturday
  });

  it('finds a month whose pay date moved back into the month before (pay day 1 of January 2027 → 2026-12-30)', () => {
    // 1/1 元日 and 12/31 (bank holiday) → Wednesday 12/30, three days after 12/27.
    expect(payMonthsDue(1, '2026-12-27', '2026-12-30')).toEqual([{ month: '2027-01', payDate: '2026-12-30' }]);
    expect(payMonthsDue(1, '2026-12-26', '2026-12-29')).toEqual([]);
    // A day the schedule did not fire is caught up the next day; a pay date today or past is not run.
    expect(payMonthsDue(1, '2026-12-28', '2026-12-31')).toEqual([{ month: '2027-01', payDate: '2026-12-30' }]);
    expect(payMonthsDue(1, '2026-12-30', '2027-01-02')).toEqual([]);
  });

  it('gives every pay month of 2026–2027 a run day, for every pay day 1–31, when run daily three days ahead', () => {
    for (let payDay = 1; payDay <= 31; payDay++) {
      const firstDay = new Map<string, string>();
      // Up to the last day whose window ends in 2027 (the holiday table covers 2019–2027).
      for (let d = '2025-12-01'; d <= '2027-12-28'; d = addDays(d, 1)) {
        for (const m of payMonthsDue(payDay, d, addDays(d, 3))) {
          expect(m.payDate > d && m.payDate <= addDays(d, 3)).toBe(true);
          if (!firstDay.has(m.month)) firstDay.set(m.month, d);
        }
      }
      for (let y = 2026; y <= 2027; y++) {
        for (let mo = 1; mo <= 12; mo++) {
          const month = `${y}-${String(mo).padStart(2, '0')}`;
          // Three days before its pay date (every day is a run day, so the first chance is that one).
          expect([payDay, month, firstDay.get(month)]).toEqual([payDay, month, addDays(scheduledPayDate(payDay, month), -3)]);
        }
      }
    }
  });

  it('refuses a month the holiday table does not cover, rather than guess its pay date', () => {
    expect(() => scheduledPayDate(25, '2028-01')).toThrow(HolidayRangeError);
  });

  it('knows the last pay of a year by the next month’s pay date', () => {
    expect(isLastPayOfYear(25, '2026-12', '2026-12-25')).toBe(true);
    expect(isLastPayOfYear(25, '2026-11', '2026-11-25')).toBe(false);
    // Pay day 1: January 2027's pay is made on 2026-12-30, so it, not December's, is the last of 2026.
    expect(isLastPayOfYear(1, '2026-12', '2026-12-01')).toBe(false);
    expect(isLastPayOfYear(1, '2027-01', scheduledPayDate(1, '2027-01'))).toBe(true);
    // 2028's holidays are not in the table yet: nothing of 2028 is paid early into 2027.
    expect(isLastPayOfYear(25, '2027-12', '2027-12-24')).toBe(true);
  });
});
