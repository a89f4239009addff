import { describe, expect, it } from 'vitest';
import { InputError } from '../../../../core/errors.js';
import { bonusWithholding, WITHHOLDING_VERSIONS } from '../../../../core/payroll/withholding/index.js';
import type { BonusWithholdingInput } from '../../../../core/payroll/withholding/index.js';
import { type BonusReference, bandRate, readReference } from '../../../reference/read.js';

const bonus = (input: Partial<BonusWithholdingInput> & Pick<BonusWithholdingInput, 'bonusAfterSocialInsurance' | 'previousMonthTaxable'>) =>
  bonusWithholding({ dependents: 0, column: 'kou', payDate: '2026-07-10', ...input });

describe.each([
  { label: '令和8年分', file: 'bonus-r8.json', payDate: '2026-12-10' },
  { label: '令和9年分', file: 'bonus-r9.json', payDate: '2027-07-09' },
])('$label 算出率の表: the rate at both edges of every band of every column matches the reference', ({ file, payDate }) => {
  const ref = readReference<BonusReference>(file);

  // bonus × rate, 1円未満切捨て, with the bonus kept within 10 × P so the table applies.
  const check = (previous: number, rate100k: number, dependents: number, column: 'kou' | 'otsu') => {
    const b = Math.min(987_654, 10 * previous);
    const got = bonusWithholding({ bonusAfterSocialInsurance: b, previousMonthTaxable: previous, dependents, column, payDate });
    const want = Math.floor((b * rate100k) / 100_000);
    return got === want ? null : `${column} ${dependents}人 P=${previous}: ${got} ≠ ${want}`;
  };

  it('甲 0人〜7人以上', () => {
    const mismatches: string[] = [];
    ref.kou.forEach((bands, n) => {
      expect(bands).toHaveLength(21);
      for (const band of bands) {
        for (const p of [Math.max(1, band.from), (band.to ?? band.from + 1_000_000) - 1]) {
          const m = check(p, bandRate(band), n, 'kou');
          if (m) mismatches.push(m);
        }
      }
    });
    expect(mismatches).toEqual([]);
  });

  it('乙', () => {
    const mismatches: string[] = [];
    for (const band of ref.otsu) {
      for (const p of [Math.max(1, band.from), (band.to ?? band.from + 1_000_000) - 1]) {
        const m = check(p, bandRate(band), 0, 'otsu');
        if (m) mismatches.push(m);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

describe('賞与 by the 算出率の表 (令和8年分)', () => {
  it('P = 300,000, 2人 → 4.084 % (band 276,000–321,000): 500,000 × 4.084 % = 20,420', () => {
    expect(bonus({ bonusAfterSocialInsurance: 500_000, previousMonthTaxable: 300_000, dependents: 2 })).toBe(20_420);
  });
  it('drops the fraction: 333,333 × 4.084 % = 13,613.32 → 13,613', () => {
    expect(bonus({ bonusAfterSocialInsurance: 333_333, previousMonthTaxable: 300_000, dependents: 2 })).toBe(13_613);
  });
  it('8人 uses the 7人以上 column: P = 400,000 → 4.084 % (383,000–463,000): 300,000 × 4.084 % = 12,252', () => {
    expect(bonus({ bonusAfterSocialInsurance: 300_000, previousMonthTaxable: 400_000, dependents: 8 })).toBe(12_252);
  });
  it('乙: P = 300,000 → 30.63 % (295,000–527,000): 400,000 × 30.63 % = 122,520', () => {
    expect(bonus({ bonusAfterSocialInsurance: 400_000, previousMonthTaxable: 300_000, column: 'otsu' })).toBe(122_520);
  });
  it('a bonus of exactly 10 × P still uses the table: P = 100,000, 1,000,000 × 4.084 % = 40,840', () => {
    expect(bonus({ bonusAfterSocialInsurance: 1_000_000, previousMonthTaxable: 100_000 })).toBe(40_840);
  });
});

describe('賞与 where the 算出率の表 must not be used: the 月額表 on a sixth of the bonus', () => {
  it('no pay last month: 1,200,000 → X = 200,000; 月額表(200,000) 0人 = 4,340; (4,340 − 0) × 6 = 26,040', () => {
    expect(bonus({ bonusAfterSocialInsurance: 1_200_000, previousMonthTaxable: 0 })).toBe(26_040);
  });
  it('pay last month not above its insurance (P < 0) counts as no pay: the same 26,040', () => {
    expect(bonus({ bonusAfterSocialInsurance: 1_200_000, previousMonthTaxable: -5_000 })).toBe(26_040);
  });
  it('bonus above 10 × P: P = 50,000, bonus 600,000 → X = 100,000; 月額表(150,000) = 2,420, 月額表(50,000) = 0; 2,420 × 6 = 14,520', () => {
    expect(bonus({ bonusAfterSocialInsurance: 600_000, previousMonthTaxable: 50_000 })).toBe(14_520);
  });
  it('one yen over 10 × P switches method: P = 100,000, bonus 1,000,001 → X = 166,666; 月額表(266,666) = 6,750 − 月額表(100,000) = 0; × 6 = 40,500', () => {
    expect(bonus({ bonusAfterSocialInsurance: 1_000_001, previousMonthTaxable: 100_000 })).toBe(40_500);
  });
  it('X drops the fraction: 1,001,999 ÷ 6 = 166,999.8 → 166,999 (row 165,000–167,000: 3,120, not 3,200); 3,120 × 6 = 18,720', () => {
    expect(bonus({ bonusAfterSocialInsurance: 1_001_999, previousMonthTaxable: 0 })).toBe(18_720);
  });
  it('bonus period over six months: ÷ 12 and × 12: 2,400,000 → X = 200,000 → 4,340 × 12 = 52,080', () => {
    expect(bonus({ bonusAfterSocialInsurance: 2_400_000, previousMonthTaxable: 0, periodOverSixMonths: true })).toBe(52_080);
  });
  it('乙: 600,000 with no previous pay → X = 100,000; ⌊100,000 × 3.063 %⌋ = 3,063; × 6 = 18,378', () => {
    expect(bonus({ bonusAfterSocialInsurance: 600_000, previousMonthTaxable: 0, column: 'otsu' })).toBe(18_378);
  });
  it('with the computer method: P = 150,000, 1人, bonus 1,800,000 → X = 300,000', () => {
    // 月額表(450,000): G = 90,000 + 36,667 = 126,667; B = 450,000 − 126,667 − 31,667 − 48,334 = 243,332;
    //   × 10.21 % − 8,296 = 16,548.2 → 16,550.
    // 月額表(150,000): G = 54,167; B = 150,000 − 54,167 − 31,667 − 48,334 = 15,832; × 5.105 % = 808.2 → 810.
    // (16,550 − 810) × 6 = 94,440
    expect(bonus({ bonusAfterSocialInsurance: 1_800_000, previousMonthTaxable: 150_000, dependents: 1, method: 'computer' })).toBe(94_440);
  });
});

describe('賞与 years', () => {
  it('marks the 令和9年分 算出率の表 as single-sourced and the 令和8年分 one as verified', () => {
    const bonusConfidence = (d: string) => WITHHOLDING_VERSIONS.find((v) => d >= v.from && d <= v.to)?.bonus?.source.confidence;
    expect(bonusConfidence('2027-06-10')).toBe('single-source');
    expect(bonusConfidence('2026-06-10')).toBe('verified');
  });
  it('uses the 令和9年分 thresholds from 2027: 乙 P = 295,500 → 30.63 % in 2026 but 20.42 % in 2027 (band moved to 296,000)', () => {
    const otsu = (payDate: string) => bonus({ bonusAfterSocialInsurance: 400_000, previousMonthTaxable: 295_500, column: 'otsu', payDate });
    expect(otsu('2026-12-25')).toBe(122_520);
    expect(otsu('2027-01-08')).toBe(81_680);
  });
  it('refuses a 2025 bonus that needs the 算出率の表 (not included for 令和2〜7年分)', () => {
    expect(() => bonus({ bonusAfterSocialInsurance: 500_000, previousMonthTaxable: 300_000, payDate: '2025-12-10' })).toThrow(
      '2025年分（令和2〜7年分）の賞与に対する源泉徴収税額の算出率の表は未収録です',
    );
  });
  it('computes a 2025 bonus with no previous pay through the computer method: X = 200,000; G = 66,667; B = 200,000 − 66,667 − 40,000 = 93,333; × 5.105 % = 4,764.7 → 4,760; × 6 = 28,560', () => {
    expect(bonus({ bonusAfterSocialInsurance: 1_200_000, previousMonthTaxable: 0, payDate: '2025-12-10', method: 'computer' })).toBe(
      28_560,
    );
  });
  it('refuses a 2028 bonus', () => {
    expect(() => bonus({ bonusAfterSocialInsurance: 1, previousMonthTaxable: 1, payDate: '2028-06-10' })).toThrow(
      '2028年分の源泉徴収税額表は未収録です',
    );
  });
  it('rejects a negative bonus and 乙 with dependants, naming the argument', () => {
    const fail = (input: Parameters<typeof bonus>[0]) => {
      try {
        bonus(input);
      } catch (e) {
        return e instanceof InputError ? e.problems[0]?.column : 'not an InputError';
      }
      return 'no error';
    };
    expect(fail({ bonusAfterSocialInsurance: -1, previousMonthTaxable: 0 })).toBe('bonus_after_si');
    expect(fail({ bonusAfterSocialInsurance: 1, previousMonthTaxable: 0, column: 'otsu', dependents: 1 })).toBe('dependents');
  });
});
