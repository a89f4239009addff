import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  ageOn,
  dateOfReachingAge,
  dateOrderKey,
  formatWareki,
  formatWarekiShort,
  fromDayNumber,
  fromWareki,
  parseDate,
  toWareki,
  todayInTokyo,
  tokyoDateOf,
  weekday,
} from '../../../core/dates/index.js';

describe('parseDate accepts what users type', () => {
  it.each([
    ['2026-05-25', '2026-05-25'],
    ['2026/5/25', '2026-05-25'],
    ['2026.05.25', '2026-05-25'],
    ['20260525', '2026-05-25'],
    ['２０２６／０５／２５', '2026-05-25'],
    ['2026年5月25日', '2026-05-25'],
    ['令和8年5月25日', '2026-05-25'],
    ['R8.5.25', '2026-05-25'],
    ['r08.05.25', '2026-05-25'],
    ['令和元年5月1日', '2019-05-01'],
    ['H31.4.30', '2019-04-30'],
    ['平成元年1月8日', '1989-01-08'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it('reads an ISO date as it reads the same date written with slashes, valid or not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1800, max: 2200 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const two = (n: number) => String(n).padStart(2, '0');
        expect(parseDate(`${y}-${two(m)}-${two(d)}`)).toBe(parseDate(`${y}/${m}/${d}`));
      }),
    );
  });

  it.each(['2026-02-30', '2026/13/01', '令和1年4月30日', '平成32年1月1日', 'H31.5.1', '昭和64年1月8日', 'tomorrow', ''])(
    'refuses %s',
    (text) => {
      expect(parseDate(text)).toBeUndefined();
    },
  );
});

describe('和暦', () => {
  it('平成31年4月30日 is followed by 令和元年5月1日', () => {
    expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
    expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
  });
  it('2026-05-25 is R8.5.25', () => {
    expect(formatWarekiShort('2026-05-25')).toBe('R8.5.25');
    expect(toWareki('2026-05-25').year).toBe(8);
  });
  it('昭和64年1月7日 is the last day of 昭和', () => {
    expect(fromWareki('昭和', 64, 1, 7)).toBe('1989-01-07');
    expect(fromWareki('S', 64, 1, 8)).toBeUndefined();
  });
  it('round-trips every date from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.integer({ min: -25567, max: 47482 }), (n) => {
        const iso = fromDayNumber(n);
        expect(parseDate(formatWareki(iso))).toBe(iso);
        expect(parseDate(formatWarekiShort(iso))).toBe(iso);
      }),
    );
  });
});

describe('age under 年齢計算ニ関スル法律 (an age is reached the day before the birthday)', () => {
  it('someone born 1986-04-01 is 40 on 2026-03-31', () => {
    expect(ageOn('1986-04-01', '2026-03-31')).toBe(40);
    expect(ageOn('1986-04-01', '2026-03-30')).toBe(39);
  });
  it('someone born 1986-05-15 reaches 40 on 2026-05-14', () => {
    expect(dateOfReachingAge('1986-05-15', 40)).toBe('2026-05-14');
    expect(ageOn('1986-05-15', '2026-05-13')).toBe(39);
    expect(ageOn('1986-05-15', '2026-05-14')).toBe(40);
  });
  it('a 29 February birthday reaches its age on 28 February in a common year', () => {
    expect(dateOfReachingAge('2004-02-29', 22)).toBe('2026-02-28');
    expect(ageOn('2004-02-29', '2026-02-27')).toBe(21);
    expect(ageOn('2004-02-29', '2026-02-28')).toBe(22);
  });
  it('age increases by exactly one on the reaching date', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10000, max: 20000 }), fc.integer({ min: 1, max: 100 }), (birthDay, age) => {
        const birth = fromDayNumber(birthDay);
        const reached = dateOfReachingAge(birth, age);
        expect(ageOn(birth, reached)).toBe(age);
        expect(ageOn(birth, addDays(reached, -1))).toBe(age - 1);
      }),
    );
  });
});

describe('tokyoDateOf (a date cell given as its local midnight)', () => {
  it('reads the Tokyo day, also under the 1948–1951 summer time (midnight was 15:00 UTC the day before)', () => {
    expect(tokyoDateOf(new Date(Date.UTC(2026, 4, 24, 15)))).toBe('2026-05-25');
    // 1951-07-01 00:00 JDT (UTC+10) = 1951-06-30 14:00 UTC: a fixed +9 hours reads 06-30.
    expect(tokyoDateOf(new Date(Date.UTC(1951, 5, 30, 14)))).toBe('1951-07-01');
    expect(todayInTokyo(new Date(Date.UTC(1951, 5, 30, 14)))).toBe('1951-06-30');
  });
});

describe('calendar arithmetic', () => {
  it('clamps month ends: 2026-01-31 + 1 month = 2026-02-28', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
  });
  it('knows 2026-05-25 is a Monday', () => {
    expect(weekday('2026-05-25')).toBe(1);
  });
  it('today in Tokyo is already tomorrow at 15:00 UTC', () => {
    expect(todayInTokyo(new Date('2026-11-26T14:59:59Z'))).toBe('2026-11-26');
    expect(todayInTokyo(new Date('2026-11-26T15:00:00Z'))).toBe('2026-11-27');
  });
});

describe('dateOrderKey', () => {
  it('orders YYYY-MM-DD texts as text comparison does, and refuses any other text (property)', () => {
    const digits = fc.stringMatching(/^\d{4}-\d{2}-\d{2}$/);
    const other = fc.constantFrom('2026/05/31', '2026-5-31', '20260531', '', '２０２６-05-31', '2026-05-3a', '2026-05-311');
    expect(dateOrderKey('2026-06-30')).toBe(20260630);
    expect(dateOrderKey('9999-12-31')).toBe(99991231);
    fc.assert(
      fc.property(digits, digits, (a, b) => {
        expect(Math.sign(dateOrderKey(a) - dateOrderKey(b))).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
    );
    fc.assert(
      fc.property(other, (text) => {
        expect(dateOrderKey(text)).toBe(-1);
      }),
    );
  });
});
