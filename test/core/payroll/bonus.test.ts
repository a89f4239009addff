import { describe, expect, it } from 'vitest';
import { bonusPay } from '../../../core/payroll/index.js';
import { employee } from './fixtures.js';

describe('hand-checked bonuses', () => {
  it('Osaka, age 40 (介護), 650,000 in July 2026, 1 dependant, last month 280,000 after SI', () => {
    const e = employee({ birth_date: '1986-05-01', prefecture: 27, dependents: 1 });
    const r = bonusPay(e, { bonus: 650_000, previous_taxable: 280_000, bonus_to_date: 0 }, '2026-07-10', 'table').row;
    // 標準賞与額 650,000; R8 Osaka 10.13 % + 1.62 % = 11.75 %: 76,375 → 38,187.5 → employee 38,187, employer 38,188
    expect(r.standard_monthly).toBe(650_000);
    expect([r.health_insurance, r.employer_health_insurance]).toEqual([38_187, 38_188]);
    // 支援金 650,000 × 0.23 % = 1,495 → 747.5 → 747 / 748; 厚年 118,950 → 59,475
    expect([r.child_support, r.employer_child_support, r.pension]).toEqual([747, 748, 59_475]);
    // 雇用保険 on the actual bonus, R8 (pay date 2026-07-10): 3,250
    expect(r.employment_insurance).toBe(3_250);
    expect(r.social_insurance_total).toBe(101_659);
    expect(r.taxable_pay).toBe(548_341);
    // 算出率の表 R8 甲 1人: 250千円以上289千円未満 → 4.084 %: 548,341 × 4.084 % = 22,394.2 → 22,394
    expect(r.income_tax).toBe(22_394);
    expect(r.net_pay).toBe(650_000 - 101_659 - 22_394);
    expect([r.overtime_pay, r.commute_allowance, r.resident_tax]).toEqual([0, 0, 0]);
  });

  it('caps: 2,000,000 with 5,000,000 of standard bonus so far this 年度 (Tokyo, age 30)', () => {
    const e = employee({ birth_date: '1996-01-10' });
    const r = bonusPay(e, { bonus: 2_000_456, previous_taxable: 400_000, bonus_to_date: 5_000_000 }, '2026-12-10', 'table').row;
    // 標準賞与額 2,000,000; health base 5,730,000 − 5,000,000 = 730,000: × 9.85 % = 71,905 → 35,952.5 → 35,952
    expect(r.standard_monthly).toBe(2_000_000);
    expect(r.health_insurance).toBe(35_952);
    // 支援金 730,000 × 0.23 % = 1,679 → 839.5 → 839
    expect(r.child_support).toBe(839);
    // pension base capped at 1,500,000: 274,500 → 137,250; 拠出金 1,500,000 × 0.36 % = 5,400
    expect([r.pension, r.employer_child_contribution]).toEqual([137_250, 5_400]);
    // 雇用保険 on the whole 2,000,456: 10,002.28 → 10,002
    expect(r.employment_insurance).toBe(10_002);
  });

  it('no pay last month: ÷ 6 (× 6) for a bonus of up to six months, ÷ 12 (× 12) for one over six (Tokyo, age 36, 甲 0人)', () => {
    const e = employee({ birth_date: '1990-04-10', dependents: 0 });
    const line = { bonus: 1_200_000, previous_taxable: 0, bonus_to_date: 0 };
    // SI: health 1,200,000 × 9.85 % = 118,200 → 59,100; 支援金 2,760 → 1,380; 厚年 219,600 → 109,800;
    // 雇用保険 1,200,000 × 0.5 % = 6,000: 176,280, leaving 1,023,720.
    const half = bonusPay(e, line, '2026-07-10', 'table').row;
    expect([half.social_insurance_total, half.taxable_pay]).toEqual([176_280, 1_023_720]);
    // ÷ 6 = 170,620: 月額表 R8 甲 0人 169,000–171,000 → 3,270; × 6 = 19,620.
    expect(half.income_tax).toBe(19_620);
    // ÷ 12 = 85,310: under 88,000 → 0; × 12 = 0.
    expect(bonusPay(e, { ...line, period_months: 12 }, '2026-07-10', 'table').row.income_tax).toBe(0);
    expect(bonusPay(e, { ...line, period_months: 6 }, '2026-07-10', 'table').row.income_tax).toBe(19_620);
  });

  it('厚生年金 caps all bonuses of a month together at 1,500,000 (Tokyo, age 30)', () => {
    const e = employee({ birth_date: '1996-01-10' });
    const line = { previous_taxable: 400_000, bonus_to_date: 0 };
    // First bonus 1,000,000: pension base 1,000,000 → 183,000 → 91,500.
    expect(bonusPay(e, { ...line, bonus: 1_000_000 }, '2026-07-10', 'table').row.pension).toBe(91_500);
    // A second bonus of 800,000 in the same month: 500,000 of the cap is left → 91,500 → 45,750; 拠出金 500,000 × 0.36 % = 1,800.
    const second = bonusPay(e, { ...line, bonus: 800_000, pension_bonus_this_month: 1_000_000 }, '2026-07-24', 'table').row;
    expect([second.pension, second.employer_child_contribution]).toEqual([45_750, 1_800]);
    // After 1,800,000 already this month, nothing is left.
    expect(bonusPay(e, { ...line, bonus: 1_000_000, pension_bonus_this_month: 1_800_000 }, '2026-07-24', 'table').row.pension).toBe(0);
  });
});
