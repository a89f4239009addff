import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rate } from '../../../core/money/rate.js';
import { monthlyPay, payPeriod } from '../../../core/payroll/index.js';
import { attendance, employee } from './fixtures.js';

const MAY_2026 = payPeriod('2026-05-25');

describe('pay period defaults', () => {
  it('May pay: closing 2026-04-30, premium of April (翌月徴収), table method', () => {
    expect(MAY_2026).toEqual({ payDate: '2026-05-25', closingDate: '2026-04-30', insuranceMonth: '2026-04', withholdingMethod: 'table' });
  });
  it('当月徴収 takes the pay month; an explicit closing date is kept', () => {
    expect(payPeriod('2026-05-25', { sameMonthCollection: true, closingDate: '2026-05-20' })).toMatchObject({
      closingDate: '2026-05-20',
      insuranceMonth: '2026-05',
    });
  });
  it('January pay deducts December of the year before', () => {
    expect(payPeriod('2027-01-25')).toMatchObject({ closingDate: '2026-12-31', insuranceMonth: '2026-12' });
  });
});

describe('hand-checked payslips', () => {
  it('Tokyo, age 46 (介護), overtime incl. late night, commuting, 2 dependants — May 2026', () => {
    const e = employee({
      birth_date: '1980-04-15',
      monthly_salary: 380_000,
      fixed_allowances: 20_000,
      excluded_allowances: 15_000,
      commute_allowance: 12_000,
      dependents: 2,
      resident_tax: 23_000,
    });
    const r = monthlyPay(
      e,
      attendance({ overtime_hours: rate(25, 2), late_night_hours: rate(2, 1), other_deduction: 3_000 }),
      MAY_2026,
    ).row;
    // hourly base (380,000 + 20,000) ÷ 160 = 2,500; 12.5 h × 2,500 × 1.25 = 39,062.5 → 39,063; 2 h × 2,500 × 0.25 = 1,250
    expect(r.overtime_pay).toBe(40_313);
    // 380,000 + 20,000 + 15,000 + 12,000 + 40,313
    expect(r.gross_pay).toBe(467_313);
    // 報酬 427,000 → 第28級 425,000〜455,000 → 440,000
    expect(r.standard_monthly).toBe(440_000);
    // R8 Tokyo 9.85 % + 介護 1.62 % = 11.47 %: 440,000 × 11.47 % = 50,468 → 25,234 each
    expect([r.health_insurance, r.employer_health_insurance]).toEqual([25_234, 25_234]);
    // 支援金 440,000 × 0.23 % = 1,012 → 506 each
    expect([r.child_support, r.employer_child_support]).toEqual([506, 506]);
    // 厚生年金 440,000 × 18.3 % = 80,520 → 40,260 each; 拠出金 440,000 × 0.36 % = 1,584
    expect([r.pension, r.employer_pension, r.employer_child_contribution]).toEqual([40_260, 40_260, 1_584]);
    // 雇用保険 R8 (closing 2026-04-30) on actual wages: 467,313 × 5/1000 = 2,336.565 → 2,337; total 13.5/1000 = 6,308.7 → 6,308 − 2,337 = 3,971
    expect([r.employment_insurance, r.employer_employment_insurance]).toEqual([2_337, 3_971]);
    // 25,234 + 506 + 40,260 + 2,337
    expect(r.social_insurance_total).toBe(68_337);
    // 467,313 − 12,000 (non-taxable commuting) − 68,337
    expect(r.taxable_pay).toBe(386_976);
    // 令和8年分 月額表 386,000〜389,000 甲 2人 = 8,250
    expect(r.income_tax).toBe(8_250);
    // 68,337 + 8,250 + 23,000 + 3,000
    expect(r.total_deduction).toBe(102_587);
    expect(r.net_pay).toBe(364_726);
  });

  it('Osaka, age 35, commuting 165,000 over the 150,000 cap — May 2026', () => {
    const e = employee({
      birth_date: '1990-12-20',
      prefecture: 27,
      monthly_salary: 220_000,
      commute_allowance: 165_000,
      resident_tax: 9_000,
    });
    const r = monthlyPay(e, attendance(), MAY_2026).row;
    // 報酬 includes commuting in full: 385,000 → 第26級 370,000〜395,000 → 380,000
    expect(r.standard_monthly).toBe(380_000);
    // R8 Osaka 10.13 %: 38,494 → 19,247 each
    expect(r.health_insurance).toBe(19_247);
    // 支援金 380,000 × 0.23 % = 874 → 437; 厚生年金 69,540 → 34,770
    expect([r.child_support, r.pension]).toEqual([437, 34_770]);
    // 雇用保険 on 385,000 incl. commuting: 1,925
    expect(r.employment_insurance).toBe(1_925);
    expect(r.social_insurance_total).toBe(56_379);
    // taxable: 385,000 − 150,000 − 56,379 (the 15,000 over the cap is taxed)
    expect(r.taxable_pay).toBe(178_621);
    // 月額表 177,000〜179,000 甲 0人 = 3,550
    expect(r.income_tax).toBe(3_550);
    expect(r.net_pay).toBe(385_000 - 56_379 - 3_550 - 9_000);
  });

  it('8+ dependants: 9 people take the 7-person amount less 1,610 × 2', () => {
    const e = employee({ monthly_salary: 800_000, dependents: 9 });
    const r = monthlyPay(e, attendance(), MAY_2026).row;
    // 790,000 × 9.85 % = 77,815 → 38,907.5 → 38,907; 支援金 1,817 → 908.5 → 908; 厚年 650,000 cap → 59,475; 雇用 4,000
    expect(r.social_insurance_total).toBe(38_907 + 908 + 59_475 + 4_000);
    expect(r.taxable_pay).toBe(696_710);
    // 月額表 695,000〜698,000 甲 7人 = 18,780; − 3,220
    expect(r.income_tax).toBe(15_560);
  });

  it('乙欄: Tokyo, 180,000 + 5,000 commuting, overtime 3 h at night', () => {
    const e = employee({ monthly_salary: 180_000, commute_allowance: 5_000, tax_column: 'otsu', birth_date: '2000-07-07' });
    const r = monthlyPay(e, attendance({ overtime_hours: rate(3, 1), late_night_hours: rate(3, 1) }), MAY_2026).row;
    // 1,125/h: 3 × 1,125 × 1.25 = 4,218.75 → 4,219; 3 × 1,125 × 0.25 = 843.75 → 844
    expect(r.overtime_pay).toBe(5_063);
    // 報酬 185,000 → 190,000; 190,000 × 9.85 % = 18,715 → 9,357.5 → employee 9,357, employer 9,358
    expect([r.health_insurance, r.employer_health_insurance]).toEqual([9_357, 9_358]);
    // 190,063 − 5,000 − (9,357 + 218 + 17,385 + 950)
    expect(r.taxable_pay).toBe(157_153);
    // 月額表 157,000〜159,000 乙 = 9,500
    expect(r.income_tax).toBe(9_500);
  });
});

describe('which premium a pay date deducts (翌月徴収 by default)', () => {
  const e = employee();
  const pay = (date: string, sameMonth = false) => monthlyPay(e, attendance(), payPeriod(date, { sameMonthCollection: sameMonth })).row;
  it('March 2026 pay deducts February (R7 Tokyo 9.91 %: 29,730 → 14,865); April pay deducts March (R8 9.85 %: 14,775)', () => {
    expect(pay('2026-03-25').health_insurance).toBe(14_865);
    expect(pay('2026-04-24').health_insurance).toBe(14_775);
  });
  it('支援金 is first deducted from May 2026 pay, or from April pay under 当月徴収', () => {
    expect(pay('2026-04-24').child_support).toBe(0);
    expect(pay('2026-05-25').child_support).toBe(345);
    expect(pay('2026-04-24', true).child_support).toBe(345);
  });
});

describe('the withholding table switches with the pay date (issue 9)', () => {
  const e = employee({ dependents: 1 });
  it('December 2026 pay uses 令和8年分, January 2027 pay 令和9年分 — same pay, same insurance', () => {
    const dec = monthlyPay(e, attendance(), payPeriod('2026-12-25')).row;
    const jan = monthlyPay(e, attendance(), payPeriod('2027-01-25')).row;
    // insurance months 2026-11 and 2026-12, both R8: 14,775 + 345 + 27,450 + 1,500 = 44,070
    expect(dec.social_insurance_total).toBe(44_070);
    expect(jan.social_insurance_total).toBe(44_070);
    expect(dec.taxable_pay).toBe(255_930);
    expect(jan.taxable_pay).toBe(255_930);
    // 254,000〜257,000 甲 1人: R8 4,710 → R9 4,530
    expect(dec.income_tax).toBe(4_710);
    expect(jan.income_tax).toBe(4_530);
    expect(jan.net_pay - dec.net_pay).toBe(180);
  });
});

describe('invariants (property tests)', () => {
  const input = fc.record({
    salary: fc.integer({ min: 0, max: 2_000_000 }),
    fixed: fc.integer({ min: 0, max: 200_000 }),
    excluded: fc.integer({ min: 0, max: 100_000 }),
    commute: fc.integer({ min: 0, max: 200_000 }),
    overtime: fc.integer({ min: 0, max: 1_200 }),
    night: fc.integer({ min: 0, max: 400 }),
    prefecture: fc.integer({ min: 1, max: 47 }),
    age: fc.integer({ min: 18, max: 80 }),
    dependents: fc.integer({ min: 0, max: 10 }),
    resident: fc.integer({ min: 0, max: 50_000 }),
    payDate: fc.constantFrom('2026-04-24', '2026-05-25', '2026-12-25', '2027-01-25'),
  });
  it('net = gross − deductions; every deduction and employer share is non-negative; total = sum of its parts', () => {
    fc.assert(
      fc.property(input, (i) => {
        const e = employee({
          monthly_salary: i.salary,
          fixed_allowances: i.fixed,
          excluded_allowances: i.excluded,
          commute_allowance: i.commute,
          prefecture: i.prefecture,
          birth_date: `${2026 - i.age}-06-15`,
          dependents: i.dependents,
          resident_tax: i.resident,
        });
        const r = monthlyPay(
          e,
          attendance({ overtime_hours: rate(i.overtime, 10), late_night_hours: rate(i.night, 10) }),
          payPeriod(i.payDate),
        ).row;
        expect(r.net_pay).toBe(r.gross_pay - r.total_deduction);
        expect(r.total_deduction).toBe(r.social_insurance_total + r.income_tax + r.resident_tax + r.other_deduction);
        expect(r.social_insurance_total).toBe(r.health_insurance + r.child_support + r.pension + r.employment_insurance);
        // net pay alone may go below zero (a zero salary still owes the lowest grade's premiums); the run rejects that row
        for (const k of Object.keys(r) as (keyof typeof r)[])
          if (typeof r[k] === 'number' && k !== 'net_pay') expect(r[k], k).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});
