import { describe, expect, it } from 'vitest';
import { bankBusinessDaysBetween, holidayName, holidaysOf, isBankBusinessDay } from '../../../core/dates/index.js';

describe('holidaysOf (国民の祝日に関する法律)', () => {
  it('lists the 18 holidays of 2026 as the Cabinet Office publishes them', () => {
    expect([...holidaysOf(2026)]).toEqual([
      ['2026-01-01', '元日'],
      ['2026-01-12', '成人の日'],
      ['2026-02-11', '建国記念の日'],
      ['2026-02-23', '天皇誕生日'],
      ['2026-03-20', '春分の日'],
      ['2026-04-29', '昭和の日'],
      ['2026-05-03', '憲法記念日'],
      ['2026-05-04', 'みどりの日'],
      ['2026-05-05', 'こどもの日'],
      ['2026-05-06', '振替休日'], // 5/3 is a Sunday; 5/4 and 5/5 are holidays, so the 6th
      ['2026-07-20', '海の日'],
      ['2026-08-11', '山の日'],
      ['2026-09-21', '敬老の日'],
      ['2026-09-22', '国民の休日'], // between 敬老の日 and 秋分の日
      ['2026-09-23', '秋分の日'],
      ['2026-10-12', 'スポーツの日'],
      ['2026-11-03', '文化の日'],
      ['2026-11-23', '勤労感謝の日'],
    ]);
  });

  it('knows the 2019 accession days and the 国民の休日 around them', () => {
    const h = holidaysOf(2019);
    expect(['2019-04-30', '2019-05-01', '2019-05-02', '2019-05-06', '2019-10-22'].map((d) => h.get(d))).toEqual([
      '国民の休日',
      '即位の日',
      '国民の休日',
      '振替休日',
      '即位礼正殿の儀の行われる日',
    ]);
    expect(h.has('2019-12-23')).toBe(false); // no 天皇誕生日 in 2019
  });

  it('moves 海の日, スポーツの日 and 山の日 in 2021 for the Tokyo Games', () => {
    expect(['2021-07-22', '2021-07-23', '2021-08-08', '2021-08-09'].map(holidayName)).toEqual([
      '海の日',
      'スポーツの日',
      '山の日',
      '振替休日',
    ]);
  });

  it('moves 春分の日 2027 (a Sunday) to Monday 3/22', () => {
    expect([holidayName('2027-03-21'), holidayName('2027-03-22')]).toEqual(['春分の日', '振替休日']);
  });

  it('refuses a year whose equinox days are not yet published', () => {
    expect(() => holidayName('2028-03-20')).toThrow(/2019年〜2027年/);
    expect(() => holidayName('2018-01-01')).toThrow(/2019–2027/);
  });
});

describe('bank business days', () => {
  it('closes banks on weekends, holidays and 12/31–1/3', () => {
    expect(
      ['2026-06-05', '2026-06-06', '2026-06-07', '2026-09-22', '2026-12-31', '2027-01-03', '2027-01-04'].map(isBankBusinessDay),
    ).toEqual([true, false, false, false, false, false, true]);
  });
  it('counts business days across the 2026 Silver Week', () => {
    // Fri 9/18 → Thu 9/24: Sat, Sun, three holidays, then Thursday.
    expect(bankBusinessDaysBetween('2026-09-18', '2026-09-24')).toBe(1);
    expect(bankBusinessDaysBetween('2026-09-24', '2026-09-18')).toBe(-1);
    expect(bankBusinessDaysBetween('2026-06-01', '2026-06-05')).toBe(4);
  });
});
