import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { applyRate, percent } from '../../../core/money/rate.js';
import { floor } from '../../../core/money/rounding.js';
import {
  careInsuranceDue,
  halfShare,
  HEALTH_GRADES,
  healthDue,
  insuranceRates,
  pensionDue,
  pensionStandardFromHealth,
  premiums,
  standardBonus,
  standardGrade,
  standardMonthly,
} from '../../../core/payroll/index.js';

const TOKYO = 13;
const OSAKA = 27;

describe('printed 協会けんぽ / 年金機構 values (payroll.md §7.2)', () => {
  it('S1: R8 Tokyo grade 10 (134,000) without 介護: half 6,599.5 → deducted 6,599', () => {
    const r = insuranceRates('2026-04', { prefecture: TOKYO, care: false });
    expect(premiums(134_000, 134_000, r).health).toEqual({ employee: 6_599, employer: 6_600 });
  });
  it('S2: R8 Tokyo grade 1 (58,000): 2,856.5 → 2,856; with 介護 11.47 %: 3,326.3 → 3,326', () => {
    expect(premiums(58_000, 88_000, insuranceRates('2026-04', { prefecture: TOKYO, care: false })).health.employee).toBe(2_856);
    expect(premiums(58_000, 88_000, insuranceRates('2026-04', { prefecture: TOKYO, care: true })).health.employee).toBe(3_326);
  });
  it('S3: R8 厚生年金 grade 1 88,000 → 8,052; grade 32 650,000 → 59,475', () => {
    const r = insuranceRates('2026-04', { prefecture: TOKYO, care: false });
    expect(premiums(58_000, pensionStandardFromHealth(58_000), r).pension.employee).toBe(8_052);
    expect(premiums(1_390_000, pensionStandardFromHealth(1_390_000), r).pension.employee).toBe(59_475);
  });
  it('R7 Osaka grade 35 (650,000) with 介護 11.83 %: 76,895 in all, 38,447.5 → employee 38,447, employer 38,448', () => {
    const r = insuranceRates('2025-09', { prefecture: OSAKA, care: true });
    expect(premiums(650_000, 650_000, r).health).toEqual({ employee: 38_447, employer: 38_448 });
  });
});

describe('標準報酬月額 grade edges', () => {
  it.each([
    [0, 58_000],
    [62_999, 58_000],
    [63_000, 68_000],
    [289_999, 280_000],
    [290_000, 300_000],
    [1_354_999, 1_330_000],
    [1_355_000, 1_390_000],
    [9_999_999, 1_390_000],
  ])('health: 報酬 %i → %i', (pay, std) => {
    expect(standardMonthly(pay, 'health')).toBe(std);
  });
  it.each([
    [92_999, 88_000],
    [93_000, 98_000],
    [634_999, 620_000],
    [635_000, 650_000],
    [2_000_000, 650_000],
  ])('pension: 報酬 %i → %i (grades 1–32 only)', (pay, std) => {
    expect(standardMonthly(pay, 'pension')).toBe(std);
  });
  it('pension grade numbers run 1–32: 300,000 is 第19級 (健保 第22級)', () => {
    expect(standardGrade(300_000, 'pension')).toBe(19);
    expect(standardGrade(300_000, 'health')).toBe(22);
  });
});

describe('介護保険 by the age rule (the day before the birthday)', () => {
  it('starts with the month containing the day before the 40th birthday', () => {
    // born 1986-06-15: reaches 40 on 2026-06-14
    expect(careInsuranceDue('1986-06-15', '2026-05')).toBe(false);
    expect(careInsuranceDue('1986-06-15', '2026-06')).toBe(true);
  });
  it('a birthday on the 1st starts a month early: born 1986-06-01 reaches 40 on 2026-05-31', () => {
    expect(careInsuranceDue('1986-06-01', '2026-04')).toBe(false);
    expect(careInsuranceDue('1986-06-01', '2026-05')).toBe(true);
  });
  it('stops from the month containing the day before the 65th birthday', () => {
    // born 1961-09-20: reaches 65 on 2026-09-19 → August is the last month
    expect(careInsuranceDue('1961-09-20', '2026-08')).toBe(true);
    expect(careInsuranceDue('1961-09-20', '2026-09')).toBe(false);
  });
  it('a birthday on the 1st stops a month early: born 1961-09-01 reaches 65 on 2026-08-31', () => {
    expect(careInsuranceDue('1961-09-01', '2026-07')).toBe(true);
    expect(careInsuranceDue('1961-09-01', '2026-08')).toBe(false);
  });
  it('changes the health premium: Tokyo R8 300,000 → 14,775 without, 17,205 with 介護 (34,410 ÷ 2)', () => {
    expect(premiums(300_000, 300_000, insuranceRates('2026-05', { prefecture: TOKYO, care: false })).health.employee).toBe(14_775);
    expect(premiums(300_000, 300_000, insuranceRates('2026-06', { prefecture: TOKYO, care: true })).health.employee).toBe(17_205);
  });
});

describe('厚生年金 ends at 70 and 健康保険 at 75', () => {
  it('no pension premium from the month of reaching 70 (born 1956-06-15 → 2026-06-14)', () => {
    expect(pensionDue('1956-06-15', '2026-05')).toBe(true);
    expect(pensionDue('1956-06-15', '2026-06')).toBe(false);
  });
  it('no health premium from the month of the 75th birthday (後期高齢者 from the birthday)', () => {
    expect(healthDue('1951-06-15', '2026-05')).toBe(true);
    expect(healthDue('1951-06-15', '2026-06')).toBe(false);
  });
  it('the rates drop to zero when not due', () => {
    const r = insuranceRates('2026-06', { prefecture: TOKYO, care: false, pension: false, health: false });
    expect(premiums(300_000, 300_000, r)).toEqual({
      health: { employee: 0, employer: 0 },
      childSupport: { employee: 0, employer: 0 },
      pension: { employee: 0, employer: 0 },
      childContribution: 0,
    });
  });
});

describe('子ども・子育て支援金 from insurance month 2026-04, rounded on its own', () => {
  it('is not levied for March 2026 (deducted from April pay)', () => {
    expect(premiums(300_000, 300_000, insuranceRates('2026-03', { prefecture: TOKYO, care: false })).childSupport).toEqual({
      employee: 0,
      employer: 0,
    });
  });
  it('April 2026: 300,000 × 0.23 % = 690 → 345 each', () => {
    expect(premiums(300_000, 300_000, insuranceRates('2026-04', { prefecture: TOKYO, care: false })).childSupport).toEqual({
      employee: 345,
      employer: 345,
    });
  });
  it('410,000 × 0.23 % = 943 → half 471.5 → employee 471, employer 472 (not merged into 健保)', () => {
    const p = premiums(410_000, 410_000, insuranceRates('2026-04', { prefecture: TOKYO, care: false }));
    expect(p.childSupport).toEqual({ employee: 471, employer: 472 });
    // 410,000 × 9.85 % = 40,385 → 20,192.5 → 20,192 on its own
    expect(p.health.employee).toBe(20_192);
  });
});

describe('子ども・子育て拠出金 (employer only, pension base × 0.36 %)', () => {
  it('650,000 × 0.36 % = 2,340', () => {
    expect(premiums(1_390_000, 650_000, insuranceRates('2026-04', { prefecture: TOKYO, care: false })).childContribution).toBe(2_340);
  });
});

describe('組合健保 override rate', () => {
  it('replaces the 協会けんぽ rate and keeps 介護: 300,000 × (9.00 % + 1.62 %) = 31,860 → 15,930', () => {
    const r = insuranceRates('2026-04', { prefecture: TOKYO, care: true, healthRateOverride: percent('9.00') });
    expect(premiums(300_000, 300_000, r).health.employee).toBe(15_930);
    expect(r.healthTable).toBe('組合健保');
  });
});

describe('the table is chosen by insurance month and unknown months are refused', () => {
  it('2026-02 uses R7 (Tokyo 9.91 %), 2026-03 uses R8 (9.85 %)', () => {
    expect(premiums(300_000, 300_000, insuranceRates('2026-02', { prefecture: TOKYO, care: false })).health.employee).toBe(14_865);
    expect(premiums(300_000, 300_000, insuranceRates('2026-03', { prefecture: TOKYO, care: false })).health.employee).toBe(14_775);
  });
  it.each(['2025-02', '2027-03'])('refuses %s with a message naming the known months', (month) => {
    expect(() => insuranceRates(month, { prefecture: TOKYO, care: false })).toThrow(InputError);
    try {
      insuranceRates(month, { prefecture: TOKYO, care: false });
    } catch (e) {
      const p = (e as InputError).problems[0];
      expect(p?.message_ja).toContain('2025-03〜2027-02');
      expect(p?.message_en).toContain(month);
    }
  });
});

describe('標準賞与額 and its caps', () => {
  it('drops the part under 1,000 yen: 1,234,567 → 1,234,000', () => {
    expect(standardBonus(1_234_567, 0)).toEqual({ standard: 1_234_000, healthBase: 1_234_000, pensionBase: 1_234_000 });
  });
  it('pension stops at 1,500,000 a month', () => {
    expect(standardBonus(2_000_000, 0).pensionBase).toBe(1_500_000);
  });
  it('health stops at 5,730,000 a year cumulative: 5,000,000 so far leaves 730,000; 6,000,000 leaves 0', () => {
    expect(standardBonus(1_000_000, 5_000_000).healthBase).toBe(730_000);
    expect(standardBonus(1_000_000, 6_000_000).healthBase).toBe(0);
  });
});

describe('invariants (property tests)', () => {
  const grade = fc.constantFrom(...HEALTH_GRADES.map((g) => g.standard));
  const rates = fc.record({
    month: fc.constantFrom('2025-03', '2025-11', '2026-03', '2026-04', '2027-02'),
    prefecture: fc.integer({ min: 1, max: 47 }),
    care: fc.boolean(),
  });
  it('employee + employer = the total, rounded down to the yen, for every grade, prefecture and month', () => {
    fc.assert(
      fc.property(grade, rates, (std, o) => {
        const r = insuranceRates(o.month, o);
        const p = premiums(std, pensionStandardFromHealth(std), r);
        expect(p.health.employee + p.health.employer).toBe(applyRate(std, r.health, floor));
        expect(p.pension.employee + p.pension.employer).toBe(applyRate(pensionStandardFromHealth(std), r.pension, floor));
        expect(p.childSupport.employee + p.childSupport.employer).toBe(applyRate(std, r.childSupport, floor));
      }),
    );
  });
  it('shares are never negative and differ by at most one yen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 30_000 }), (base, per100k) => {
        const s = halfShare(base, { num: per100k, den: 100_000 });
        expect(s.employee).toBeGreaterThanOrEqual(0);
        expect(s.employer).toBeGreaterThanOrEqual(0);
        expect(Math.abs(s.employee - s.employer)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
