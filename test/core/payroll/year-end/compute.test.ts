import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../core/errors.js';
import {
  basicDeduction,
  EMPTY_DECLARATION,
  earthquakeDeduction,
  employmentIncome,
  lifeInsuranceDeduction,
  specifiedRelativeDeduction,
  spouseDeduction,
  type YearEndDeclaration,
  type YearEndInput,
  yearEnd,
  yearEndTableFor,
} from '../../../../core/payroll/index.js';
import { readReference } from '../../../reference/read.js';
import { WORKED_EXAMPLE } from './fixtures.js';

const R8 = yearEndTableFor(2026);

function adjusted(input: YearEndInput) {
  const r = yearEnd(input);
  if (r.status !== 'adjusted') throw new Error(`not adjusted: ${r.reason.en}`);
  return r;
}

const withDeclaration = (d: Partial<YearEndDeclaration>, over: Partial<YearEndInput> = {}): YearEndInput => ({
  year: 2026,
  taxColumn: 'kou',
  totalPay: 5_000_000,
  withheldTax: 100_000,
  socialInsurance: 700_000,
  declaration: { ...EMPTY_DECLARATION, ...d },
  ...over,
});

describe('the NTA worked example (令和8年分 年末調整のしかた)', () => {
  it('reproduces every figure from ⑨ to the refund of 115,270', () => {
    const r = adjusted(WORKED_EXAMPLE);
    expect(r.employmentIncome).toBe(7_020_000);
    expect(r.incomeAdjustment).toBe(47_000);
    expect(r.socialInsurance).toBe(1_386_102);
    expect(r.life.total).toBe(120_000);
    expect(r.earthquake).toBe(50_000);
    expect(r.spouse).toBe(380_000);
    expect(r.spouseKind).toBe('deduction');
    expect(r.specifiedRelative).toBe(410_000);
    expect(r.dependants).toBe(1_860_000);
    expect(r.basic).toBe(620_000);
    expect(r.totalDeductions).toBe(4_826_102);
    expect(r.taxableIncome).toBe(2_146_000);
    expect(r.computedTax).toBe(117_100);
    expect(r.housingLoanCredit).toBe(76_500);
    expect(r.annualTax).toBe(41_400);
    expect(r.difference).toBe(-115_270);
  });
});

describe('⑨ 給与所得控除後の給与等の金額, 令和8年分', () => {
  const ref = readReference<{ rows: [number, number, number][]; not_adjusted_above: number }>('year-end-r8.json');

  it('equals every row of the printed table at both ends of the row', () => {
    expect(ref.rows).toHaveLength(1_103);
    const wrong = ref.rows.filter(
      ([from, to, amount]) => employmentIncome(2026, from) !== amount || employmentIncome(2026, to - 1) !== amount,
    );
    expect(wrong).toEqual([]);
  });

  it.each([
    [740_999, 0],
    [741_000, 1_000],
    [2_190_999, 1_450_999],
    [2_191_000, 1_451_000],
    [6_599_999, 4_836_800],
    [6_600_000, 4_840_000],
    [8_499_999, 6_549_999],
    [8_500_000, 6_550_000],
    [20_000_000, 18_050_000],
  ])('total pay %i → %i', (pay, income) => {
    expect(employmentIncome(2026, pay)).toBe(income);
  });

  it('adjusts 20,000,000 and not 20,000,001 (所得税法190条: 二千万円以下)', () => {
    expect(ref.not_adjusted_above).toBe(20_000_000);
    expect(yearEnd(withDeclaration({}, { totalPay: 20_000_000 })).status).toBe('adjusted');
    const over = yearEnd(withDeclaration({}, { totalPay: 20_000_001 }));
    expect(over.status).toBe('not_eligible');
    expect(over).not.toHaveProperty('annualTax');
    if (over.status === 'not_eligible') expect(over.reason.ja).toContain('190条');
  });
});

describe('who is adjusted, and which years', () => {
  it('does not adjust 乙欄, and invents no tax', () => {
    const r = yearEnd(withDeclaration({}, { taxColumn: 'otsu' }));
    expect(r.status).toBe('not_eligible');
    expect(r.withheldTax).toBe(100_000);
    expect(r).not.toHaveProperty('difference');
  });

  it.each([2025, 2027])('refuses %i, naming the years known', (year) => {
    const call = () => yearEnd(withDeclaration({}, { year }));
    expect(call).toThrow(InputError);
    expect(call).toThrow(/2026（令和8年分）/);
  });

  it('an employee not adjusted keeps this employer’s own pay and tax: the previous employer’s decide who is adjusted, but are not carried onto this 源泉徴収票', () => {
    // 19,000,000 here and 1,000,001 before: over 20,000,000 together, so not adjusted; the slip
    // shows 19,000,000 and this employer's 100,000 (the employee files both slips in a tax return).
    const over = yearEnd(
      withDeclaration({ prevPay: 1_000_001, prevWithheldTax: 20_000, prevSocialInsurance: 150_000 }, { totalPay: 19_000_000 }),
    );
    expect(over.status).toBe('not_eligible');
    expect([over.totalPay, over.withheldTax, over.socialInsurance]).toEqual([19_000_000, 100_000, 700_000]);
    const otsu = yearEnd(withDeclaration({ prevPay: 1_000_000, prevWithheldTax: 20_000 }, { taxColumn: 'otsu' }));
    expect([otsu.totalPay, otsu.withheldTax]).toEqual([5_000_000, 100_000]);
  });

  it('adds a previous employer’s pay, tax and insurance to the year', () => {
    const r = adjusted(withDeclaration({ prevPay: 1_000_000, prevWithheldTax: 20_000, prevSocialInsurance: 150_000 }));
    expect(r.totalPay).toBe(6_000_000);
    expect(r.withheldTax).toBe(120_000);
    expect(r.socialInsurance).toBe(850_000);
  });
});

describe('each deduction at the edges of its bands', () => {
  it.each([
    [20_000, 20_000],
    [20_001, 20_001],
    [40_000, 30_000],
    [40_001, 30_001],
    [80_000, 40_000],
    [80_001, 40_000],
  ])('生命保険 new contracts (formula I) %i → %i, 1円未満切上げ', (premium, deduction) => {
    expect(lifeInsuranceDeduction(R8, { ...EMPTY_DECLARATION, lifeNewGeneral: premium }, false).general).toBe(deduction);
    expect(lifeInsuranceDeduction(R8, { ...EMPTY_DECLARATION, lifeCareMedical: premium }, true).careMedical).toBe(deduction);
    expect(lifeInsuranceDeduction(R8, { ...EMPTY_DECLARATION, lifeNewPension: premium }, true).pension).toBe(deduction);
  });

  it.each([
    [30_000, 30_000],
    [30_001, 30_001],
    [60_000, 45_000],
    [60_001, 45_001],
    [120_000, 60_000],
    [120_001, 60_000],
  ])('生命保険 new 一般 with a dependant under 23 (formula II, 令和8年分) %i → %i', (premium, deduction) => {
    expect(lifeInsuranceDeduction(R8, { ...EMPTY_DECLARATION, lifeNewGeneral: premium }, true).general).toBe(deduction);
  });

  it.each([
    [25_000, 25_000],
    [25_001, 25_001],
    [50_000, 37_500],
    [50_001, 37_501],
    [100_000, 50_000],
    [100_001, 50_000],
  ])('生命保険 old contracts (formula III) %i → %i', (premium, deduction) => {
    expect(lifeInsuranceDeduction(R8, { ...EMPTY_DECLARATION, lifeOldGeneral: premium }, false).general).toBe(deduction);
    expect(lifeInsuranceDeduction(R8, { ...EMPTY_DECLARATION, lifeOldPension: premium }, true).pension).toBe(deduction);
  });

  it('takes new and old of one category together to 40,000, or the old alone when larger; 120,000 in all', () => {
    const both = (n: number, o: number, under23 = false) =>
      lifeInsuranceDeduction(R8, { ...EMPTY_DECLARATION, lifeNewGeneral: n, lifeOldGeneral: o }, under23).general;
    expect(both(40_000, 25_000)).toBe(40_000);
    expect(both(80_000, 100_000)).toBe(50_000);
    expect(both(20_000, 10_000)).toBe(30_000);
    expect(both(120_000, 30_000, true)).toBe(60_000);
    const all = lifeInsuranceDeduction(
      R8,
      { ...EMPTY_DECLARATION, lifeOldGeneral: 100_001, lifeCareMedical: 80_001, lifeOldPension: 200_000 },
      false,
    );
    expect([all.general, all.careMedical, all.pension, all.total]).toEqual([50_000, 40_000, 50_000, 120_000]);
  });

  it('地震保険料控除: 地震 to 50,000, 旧長期 by formula, 50,000 together', () => {
    expect(earthquakeDeduction(R8, 50_000, 0)).toBe(50_000);
    expect(earthquakeDeduction(R8, 50_001, 0)).toBe(50_000);
    expect(earthquakeDeduction(R8, 0, 10_000)).toBe(10_000);
    expect(earthquakeDeduction(R8, 0, 10_001)).toBe(10_001);
    expect(earthquakeDeduction(R8, 0, 20_000)).toBe(15_000);
    expect(earthquakeDeduction(R8, 0, 20_001)).toBe(15_000);
    expect(earthquakeDeduction(R8, 40_000, 20_000)).toBe(50_000);
  });

  it.each([
    [620_000, 380_000, 'deduction'],
    [620_001, 380_000, 'special'],
    [950_000, 380_000, 'special'],
    [950_001, 360_000, 'special'],
    [1_000_001, 310_000, 'special'],
    [1_300_001, 30_000, 'special'],
    [1_330_000, 30_000, 'special'],
    [1_330_001, 0, 'none'],
  ])('配偶者（特別）控除: spouse income %i → %i (%s)', (spouseIncome, amount, kind) => {
    expect(spouseDeduction(R8, 5_000_000, spouseIncome, false)).toEqual({ amount, kind });
  });

  it('配偶者控除 by the employee’s own income column, and 70歳以上', () => {
    expect(spouseDeduction(R8, 9_000_000, 0, false).amount).toBe(380_000);
    expect(spouseDeduction(R8, 9_000_001, 0, false).amount).toBe(260_000);
    expect(spouseDeduction(R8, 9_500_001, 0, false).amount).toBe(130_000);
    expect(spouseDeduction(R8, 10_000_000, 0, true).amount).toBe(160_000);
    expect(spouseDeduction(R8, 10_000_001, 0, false).amount).toBe(0);
    expect(spouseDeduction(R8, 5_000_000, 0, true).amount).toBe(480_000);
    expect(spouseDeduction(R8, 5_000_000, undefined, false).amount).toBe(0);
  });

  it.each([
    [620_000, 0],
    [620_001, 630_000],
    [850_000, 630_000],
    [850_001, 610_000],
    [1_000_000, 410_000],
    [1_230_000, 30_000],
    [1_230_001, 0],
  ])('特定親族特別控除: relative income %i → %i', (income, amount) => {
    expect(specifiedRelativeDeduction(R8, income)).toBe(amount);
  });

  it.each([
    [4_890_000, 1_040_000],
    [4_890_001, 670_000],
    [6_550_000, 670_000],
    [6_550_001, 620_000],
    [23_500_001, 480_000],
    [25_000_001, 0],
  ])('基礎控除: 合計所得 %i → %i', (income, amount) => {
    expect(basicDeduction(R8, income)).toBe(amount);
  });

  it('所得金額調整控除: 1 yen at 8,500,001 (1円未満切上げ), 150,000 from 10,000,000, none without its condition', () => {
    const under23 = { dependantsUnder23: 1 };
    expect(adjusted(withDeclaration(under23, { totalPay: 8_500_001 })).incomeAdjustment).toBe(1);
    expect(adjusted(withDeclaration(under23, { totalPay: 8_500_000 })).incomeAdjustment).toBe(0);
    expect(adjusted(withDeclaration(under23, { totalPay: 10_000_000 })).incomeAdjustment).toBe(150_000);
    expect(adjusted(withDeclaration(under23, { totalPay: 15_000_000 })).incomeAdjustment).toBe(150_000);
    expect(adjusted(withDeclaration({}, { totalPay: 15_000_000 })).incomeAdjustment).toBe(0);
    expect(adjusted(withDeclaration({ selfSpecialDisabled: true, disabledSpecial: 1 }, { totalPay: 9_000_000 })).incomeAdjustment).toBe(
      50_000,
    );
    expect(adjusted(withDeclaration({ disabledSpecialCohabiting: 1 }, { totalPay: 9_000_000 })).incomeAdjustment).toBe(50_000);
  });

  it('applies a housing credit larger than the tax only up to the tax, and says what was available', () => {
    const r = adjusted(withDeclaration({ housingLoanCredit: 400_000 }));
    expect(r.computedTax).toBeLessThan(400_000);
    expect(r.housingLoanCredit).toBe(r.computedTax);
    expect(r.housingLoanAvailable).toBe(400_000);
    expect(r.annualTax).toBe(0);
    expect(r.difference).toBe(-100_000);
  });

  it('rounds ㉒ down to 1,000 yen and ㉖ (×102.1 %) down to 100 yen', () => {
    // ⑨ of 5,000,000: the row starting at 5,000,000, less 20 % + 440,000 = 3,560,000
    const r = adjusted(withDeclaration({}, { socialInsurance: 700_999 }));
    expect(r.employmentIncome).toBe(3_560_000);
    // 3,560,000 − 700,999 − 1,040,000 = 1,819,001 → 1,819,000; × 5 % = 90,950; × 1.021 = 92,859.95 → 92,800
    expect(r.taxableIncome).toBe(1_819_000);
    expect(r.computedTax).toBe(90_950);
    expect(r.annualTax).toBe(92_800);
  });

  it('gives widow and working-student deductions only within their income limits, and says so', () => {
    expect(adjusted(withDeclaration({ singleParent: true })).dependants).toBe(350_000);
    expect(adjusted(withDeclaration({ widow: true })).dependants).toBe(270_000);
    const high = adjusted(withDeclaration({ widow: true }, { totalPay: 8_000_000 }));
    expect(high.dependants).toBe(0);
    expect(high.notes.map((n) => n.ja).join()).toContain('寡婦');
    expect(adjusted(withDeclaration({ workingStudent: true }, { totalPay: 1_620_000, socialInsurance: 0 })).dependants).toBe(270_000);
    expect(adjusted(withDeclaration({ workingStudent: true }, { totalPay: 1_640_000, socialInsurance: 0 })).dependants).toBe(0);
  });
});

describe('invariants', () => {
  const declaration = fc.record({
    spouseIncome: fc.option(fc.integer({ min: 0, max: 2_000_000 }), { nil: undefined }),
    spouseAge70: fc.boolean(),
    dependantsGeneral: fc.integer({ min: 0, max: 3 }),
    dependantsSpecified: fc.integer({ min: 0, max: 2 }),
    dependantsElderly: fc.integer({ min: 0, max: 2 }),
    dependantsElderlyCohabiting: fc.integer({ min: 0, max: 2 }),
    dependantsUnder16: fc.integer({ min: 0, max: 3 }),
    dependantsUnder23: fc.integer({ min: 0, max: 3 }),
    specifiedRelativeIncomes: fc.array(fc.integer({ min: 620_001, max: 1_500_000 }), { maxLength: 2 }),
    disabledGeneral: fc.integer({ min: 0, max: 2 }),
    disabledSpecial: fc.integer({ min: 0, max: 1 }),
    disabledSpecialCohabiting: fc.integer({ min: 0, max: 1 }),
    selfSpecialDisabled: fc.constant(false),
    selfDisabled: fc.constant(false),
    widow: fc.boolean(),
    singleParent: fc.constant(false),
    workingStudent: fc.boolean(),
    lifeNewGeneral: fc.integer({ min: 0, max: 200_000 }),
    lifeOldGeneral: fc.integer({ min: 0, max: 200_000 }),
    lifeCareMedical: fc.integer({ min: 0, max: 200_000 }),
    lifeNewPension: fc.integer({ min: 0, max: 200_000 }),
    lifeOldPension: fc.integer({ min: 0, max: 200_000 }),
    earthquake: fc.integer({ min: 0, max: 100_000 }),
    earthquakeOldLongTerm: fc.integer({ min: 0, max: 30_000 }),
    socialInsuranceDeclared: fc.integer({ min: 0, max: 300_000 }),
    smallBusinessMutualAid: fc.integer({ min: 0, max: 300_000 }),
    housingLoanCredit: fc.integer({ min: 0, max: 400_000 }),
    otherIncome: fc.integer({ min: 0, max: 3_000_000 }),
    prevPay: fc.constant(0),
    prevWithheldTax: fc.constant(0),
    prevSocialInsurance: fc.constant(0),
    dependants: fc.constant([]),
    under16: fc.constant([]),
  });
  const input = fc.record({
    year: fc.constant(2026),
    taxColumn: fc.constant('kou' as const),
    totalPay: fc.integer({ min: 0, max: 20_000_000 }),
    withheldTax: fc.integer({ min: 0, max: 3_000_000 }),
    socialInsurance: fc.integer({ min: 0, max: 3_000_000 }),
    declaration,
  });

  it('more pay never lowers 年調年税額', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 5_000_000 }), (i, more) => {
        const higher = { ...i, totalPay: Math.min(20_000_000, i.totalPay + more) };
        expect(adjusted(higher).annualTax).toBeGreaterThanOrEqual(adjusted(i).annualTax);
      }),
    );
  });

  const DEDUCTION_FIELDS = [
    'dependantsGeneral',
    'dependantsSpecified',
    'dependantsElderly',
    'dependantsElderlyCohabiting',
    'dependantsUnder23',
    'disabledGeneral',
    'disabledSpecialCohabiting',
    'lifeNewGeneral',
    'lifeOldGeneral',
    'lifeCareMedical',
    'lifeNewPension',
    'lifeOldPension',
    'earthquake',
    'earthquakeOldLongTerm',
    'socialInsuranceDeclared',
    'smallBusinessMutualAid',
    'housingLoanCredit',
  ] as const;

  it('more deductions never raise 年調年税額', () => {
    fc.assert(
      fc.property(input, fc.constantFrom(...DEDUCTION_FIELDS), fc.integer({ min: 1, max: 200_000 }), (i, field, more) => {
        const step = field.startsWith('dependants') || field.startsWith('disabled') ? 1 : more;
        const d = { ...i.declaration, [field]: i.declaration[field] + step };
        expect(adjusted({ ...i, declaration: d }).annualTax).toBeLessThanOrEqual(adjusted(i).annualTax);
      }),
    );
  });

  it('difference is always annual tax less withheld, and 年調年税額 a multiple of 100', () => {
    fc.assert(
      fc.property(input, (i) => {
        const r = adjusted(i);
        expect(r.difference).toBe(r.annualTax - r.withheldTax);
        expect(r.annualTax % 100).toBe(0);
        expect(r.taxableIncome % 1000).toBe(0);
      }),
    );
  });
});
