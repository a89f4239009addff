import { describe, expect, it } from 'vitest';
import { rate } from '../../../core/money/rate.js';
import { COMMUTE_NON_TAXABLE_LIMIT, nonTaxableCommute, overtimePay, residentTaxInstalment } from '../../../core/payroll/index.js';

const h = (n: number, d = 1) => rate(n, d);
const none = h(0);

describe('割増賃金, each category rounded on its own (基発第150号)', () => {
  it('1,875円/h, 10 h of night overtime: 23,437.5 → 23,438 and 4,687.5 → 4,688, total 28,126 (not 28,125)', () => {
    // 300,000 ÷ 160 = 1,875
    const p = overtimePay({
      monthlyBase: 300_000,
      scheduledHours: h(160),
      overtimeHours: h(10),
      lateNightHours: h(10),
      holidayHours: none,
    });
    expect(p).toEqual({ overtime: 23_438, over60: 0, holiday: 0, lateNight: 4_688, total: 28_126 });
  });
  it('the 60-hour line: 60 h is all at 125 %, the 61st hour at 150 %', () => {
    // 320,000 ÷ 160 = 2,000/h; 60 × 2,000 × 1.25 = 150,000; 1 × 2,000 × 1.5 = 3,000
    const at60 = overtimePay({
      monthlyBase: 320_000,
      scheduledHours: h(160),
      overtimeHours: h(60),
      lateNightHours: none,
      holidayHours: none,
    });
    const at61 = overtimePay({
      monthlyBase: 320_000,
      scheduledHours: h(160),
      overtimeHours: h(61),
      lateNightHours: none,
      holidayHours: none,
    });
    expect(at60).toMatchObject({ overtime: 150_000, over60: 0, total: 150_000 });
    expect(at61).toMatchObject({ overtime: 150_000, over60: 3_000, total: 153_000 });
  });
  it('法定休日 hours are 135 % and do not count toward the 60 hours', () => {
    // 2,000/h: 60 h × 1.25 = 150,000; 8 h × 1.35 × 2,000 = 21,600
    const p = overtimePay({ monthlyBase: 320_000, scheduledHours: h(160), overtimeHours: h(60), lateNightHours: none, holidayHours: h(8) });
    expect(p).toMatchObject({ overtime: 150_000, over60: 0, holiday: 21_600, total: 171_600 });
  });
  it('keeps hours and the hourly base exact: 12.5 h at 400,000 ÷ 168 h', () => {
    // 400,000 × 12.5 × 1.25 ÷ 168 = 37,202.38… → 37,202; 2 h night: 400,000 × 2 × 0.25 ÷ 168 = 1,190.47… → 1,190
    const p = overtimePay({
      monthlyBase: 400_000,
      scheduledHours: h(168),
      overtimeHours: h(25, 2),
      lateNightHours: h(2),
      holidayHours: none,
    });
    expect(p).toMatchObject({ overtime: 37_202, lateNight: 1_190, total: 38_392 });
  });
  it('an explicit over-60 count overrides the automatic split', () => {
    // 2,000/h: 65 h of which 10 over 60 by the employer's count: 55 × 2,500 = 137,500; 10 × 3,000 = 30,000
    const p = overtimePay({
      monthlyBase: 320_000,
      scheduledHours: h(160),
      overtimeHours: h(65),
      over60Hours: h(10),
      lateNightHours: none,
      holidayHours: none,
    });
    expect(p).toMatchObject({ overtime: 137_500, over60: 30_000 });
  });
});

describe('通勤手当 non-taxable up to 150,000 a month', () => {
  it('150,000 is wholly non-taxable; 150,001 leaves 1 yen taxable', () => {
    expect(COMMUTE_NON_TAXABLE_LIMIT.monthly).toBe(150_000);
    expect(nonTaxableCommute(150_000)).toBe(150_000);
    expect(nonTaxableCommute(150_001)).toBe(150_000);
    expect(nonTaxableCommute(12_000)).toBe(12_000);
  });
});

describe('住民税 statutory monthly split (地方税法§321の5)', () => {
  it('180,300 a year: June 15,300, July–May 15,000 (15,000 × 11 + 15,300 = 180,300)', () => {
    expect(residentTaxInstalment(180_300, 6)).toBe(15_300);
    for (const m of [7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5]) expect(residentTaxInstalment(180_300, m)).toBe(15_000);
  });
  it('an amount under 1,200 a year is all in June', () => {
    expect(residentTaxInstalment(1_100, 6)).toBe(1_100);
    expect(residentTaxInstalment(1_100, 7)).toBe(0);
  });
});
