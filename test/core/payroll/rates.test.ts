import { describe, expect, it } from 'vitest';
import { addRates, formatPercent } from '../../../core/money/rate.js';
import { employeeShareDeduction } from '../../../core/money/rounding.js';
import {
  EMPLOYMENT_R7,
  EMPLOYMENT_R8,
  HEALTH_GRADES,
  KYOUKAI_R7,
  KYOUKAI_R8,
  PENSION_GRADES,
  PENSION_RATES,
  halfShare,
  prefectureName,
} from '../../../core/payroll/index.js';
import { exact, readReference, same, times } from '../../reference/read.js';

interface InsuranceR8 {
  meta: {
    effective_from: string;
    child_care_contribution_rate: number;
    bonus_cap_health_annual: number;
    bonus_cap_pension_monthly: number;
  };
  prefectures: Record<
    string,
    {
      prefecture_ja: string;
      code: number;
      health_insurance_rate: number;
      long_term_care_rate: number;
      child_support_rate: number;
      pension_rate: number;
    }
  >;
  grades: { health_grade: number; pension_grade: number | null; standard_monthly_remuneration: number; remuneration_from: number | null }[];
}

interface FeeTable {
  effective_date: string;
  fee: {
    rank: number;
    pension_rank: number;
    label: string;
    rank_min: number;
    insurance_younger_total: string;
    insurance_younger_salary: string;
    insurance_elder_total: string;
    insurance_elder_salary: string;
    pension_total: string;
    pension_salary: string;
  }[];
}

describe('令和8年度 協会けんぽ rates match the reference for all 47 prefectures', () => {
  const ref = readReference<InsuranceR8>('insurance-r8.json');
  const byCode = new Map(Object.values(ref.prefectures).map((p) => [p.code, p]));

  it('has 47 prefectures, starting with insurance month 2026-03', () => {
    expect(byCode.size).toBe(47);
    expect(KYOUKAI_R8.from).toBe(ref.meta.effective_from);
  });

  it.each(Array.from({ length: 47 }, (_, i) => i + 1))('prefecture %i: 健康保険, 介護, 支援金, 厚生年金', (code) => {
    const p = byCode.get(code);
    if (!p) throw new Error(`reference has no prefecture ${code}`);
    expect(prefectureName(code).startsWith(p.prefecture_ja)).toBe(true);
    expect(formatPercent(KYOUKAI_R8.healthRates[code - 1] ?? exact(0))).toBe(formatPercent(exact(p.health_insurance_rate)));
    expect(same(KYOUKAI_R8.careRate, exact(p.long_term_care_rate))).toBe(true);
    expect(same(PENSION_RATES[0]?.rate ?? exact(0), exact(p.pension_rate))).toBe(true);
  });

  it('has the 50 health grades and 32 pension grades of the reference', () => {
    expect(HEALTH_GRADES).toHaveLength(50);
    expect(PENSION_GRADES).toHaveLength(32);
    for (const g of ref.grades) {
      const ours = HEALTH_GRADES[g.health_grade - 1];
      expect(ours?.standard).toBe(g.standard_monthly_remuneration);
      expect(ours?.from).toBe(g.remuneration_from ?? 0);
      if (g.pension_grade !== null) expect(PENSION_GRADES[g.pension_grade - 1]?.standard).toBe(g.standard_monthly_remuneration);
    }
  });
});

describe.each([
  { label: '東京', file: 'kyoukai-kenpo-202503-tokyo-2025-03-01.json', code: 13 },
  { label: '大阪', file: 'kyoukai-kenpo-202503-osaka-2025-03-01.json', code: 27 },
])('令和7年度 $label 保険料額表: every printed cell recomputes from our table', ({ file, code }) => {
  const ref = readReference<FeeTable>(file);
  const health = KYOUKAI_R7.healthRates[code - 1];
  if (!health) throw new Error('no rate');
  const withCare = addRates(health, KYOUKAI_R7.careRate);
  const pension = PENSION_RATES[0]?.rate;
  if (!pension) throw new Error('no pension rate');

  it('starts with insurance month 2025-03', () => {
    expect(ref.effective_date.slice(0, 7)).toBe(KYOUKAI_R7.from);
    expect(ref.fee).toHaveLength(50);
  });

  it('全額 and 折半額, with and without 介護, and 厚生年金, for all 50 grades', () => {
    const mismatches: string[] = [];
    for (const f of ref.fee) {
      const grade = HEALTH_GRADES[f.rank - 1];
      const std = Number(f.label);
      if (grade?.standard !== std || grade.from !== f.rank_min) mismatches.push(`grade ${f.rank}: ${grade?.standard}/${grade?.from}`);
      const pensionStd = PENSION_GRADES[f.pension_rank - 1]?.standard ?? 0;
      const cells: [string, string, ReturnType<typeof times>][] = [
        ['insurance_younger_total', f.insurance_younger_total, times(std, health)],
        ['insurance_younger_salary', f.insurance_younger_salary, times(std, { num: health.num, den: health.den * 2 })],
        ['insurance_elder_total', f.insurance_elder_total, times(std, withCare)],
        ['insurance_elder_salary', f.insurance_elder_salary, times(std, { num: withCare.num, den: withCare.den * 2 })],
        ['pension_total', f.pension_total, times(pensionStd, pension)],
        ['pension_salary', f.pension_salary, times(pensionStd, { num: pension.num, den: pension.den * 2 })],
      ];
      for (const [name, printed, ours] of cells)
        if (!same(exact(printed), ours)) mismatches.push(`grade ${f.rank} ${name}: printed ${printed}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('the amount deducted is the printed 折半額 rounded 50銭以下切捨て (e.g. 82,218.5 → 82,218)', () => {
    for (const f of ref.fee) {
      const half = exact(f.insurance_elder_salary);
      const deducted = Number(employeeShareDeduction.apply(BigInt(half.num), BigInt(half.den)));
      expect(halfShare(Number(f.label), withCare).employee).toBe(deducted);
    }
  });
});

interface EmploymentRef {
  business_types: Record<string, { employee_rate: number; employer_rate: number }>;
  history: {
    effective_from: string;
    effective_to: string;
    business_types: Record<string, { employee_rate: number; employer_rate: number }>;
  }[];
}

describe('雇用保険 rates match the reference for 令和7・8年度 and all three industries', () => {
  const ref = readReference<EmploymentRef>('employment-insurance.json');
  const names = { general: 'general', agriculture: 'agriculture_forestry_fishery_sake', construction: 'construction' } as const;
  it.each([
    { ours: EMPLOYMENT_R7, year: '2025-04-01' },
    { ours: EMPLOYMENT_R8, year: '2026-04-01' },
  ])('table from $year', ({ ours, year }) => {
    const h = ref.history.find((x) => x.effective_from === year);
    if (!h) throw new Error(`reference has no year ${year}`);
    expect(ours.from).toBe(h.effective_from);
    expect(ours.to).toBe(h.effective_to);
    for (const [key, refKey] of Object.entries(names)) {
      const r = h.business_types[refKey];
      const o = ours.rates[key as keyof typeof names];
      expect(r && same(o.worker, exact(r.employee_rate)), `${year} ${key} worker`).toBe(true);
      expect(r && same(o.employer, exact(r.employer_rate)), `${year} ${key} employer`).toBe(true);
    }
  });
});
