import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allRoundings,
  applyRate,
  applyRateShare,
  cashPayment,
  ceil,
  employeeShareDeduction,
  floor,
  floorTo1000,
  halfUp,
  halfUpTo10,
  halfUpTo100,
  invoiceTax,
  overtimePremium,
  percent,
  perMille,
  roundYen,
} from '../../../core/money/index.js';

describe('social-insurance employee share (50銭以下切捨て・50銭超切上げ)', () => {
  it('rounds exactly 0.50 yen down: R8 Tokyo grade 10, 134,000 × 9.85% ÷ 2 = 6,599.5 → 6,599', () => {
    expect(applyRateShare(134_000, percent('9.85'), 2, employeeShareDeduction)).toBe(6_599);
  });
  it('paid in cash the same half rounds up: 6,599.5 → 6,600', () => {
    expect(applyRateShare(134_000, percent('9.85'), 2, cashPayment)).toBe(6_600);
  });
  it('雇用保険 300,100 × 5/1000 = 1,500.5 → 1,500 (deducted)', () => {
    expect(applyRate(300_100, perMille('5'), employeeShareDeduction)).toBe(1_500);
  });
  it('雇用保険 300,102 × 5/1000 = 1,500.51 → 1,501 (more than 50銭 rounds up)', () => {
    expect(applyRate(300_102, perMille('5'), employeeShareDeduction)).toBe(1_501);
  });
  it('is not Math.round and not floor(x + 0.49): 1,500.505 → 1,501', () => {
    // 300,101 × 5/1000 = 1,500.505: a floor(v + 0.49) implementation gives 1,500.
    expect(applyRate(300_101, perMille('5'), employeeShareDeduction)).toBe(1_501);
  });
});

describe('named roundings at their boundaries', () => {
  const cases: [string, (typeof allRoundings)[number], bigint, bigint, bigint][] = [
    ['floor 1.99', floor, 199n, 100n, 1n],
    ['ceil 1.01', ceil, 101n, 100n, 2n],
    ['ceil of a whole number stays', ceil, 200n, 100n, 2n],
    ['halfUp 2.5', halfUp, 25n, 10n, 3n],
    ['halfUp 2.49', halfUp, 249n, 100n, 2n],
    ['overtime 23,437.5 → 23,438 (基発第150号)', overtimePremium, 234_375n, 10n, 23_438n],
    ['halfUpTo10 212.6 → 210', halfUpTo10, 2126n, 10n, 210n],
    ['halfUpTo10 215 → 220', halfUpTo10, 215n, 1n, 220n],
    ['halfUpTo100 149 → 100', halfUpTo100, 149n, 1n, 100n],
    ['halfUpTo100 150 → 200', halfUpTo100, 150n, 1n, 200n],
    ['floorTo1000 1,234,999 → 1,234,000', floorTo1000, 1_234_999n, 1n, 1_234_000n],
  ];
  it.each(cases)('%s', (_name, rule, num, den, expected) => {
    expect(rule.apply(num, den)).toBe(expected);
  });

  it('invoice tax, 8% of 6,192 = 495.36: 切捨て 495, 四捨五入 495, 切上げ 496', () => {
    const eight = percent('8');
    expect(applyRate(6_192, eight, invoiceTax.floor)).toBe(495);
    expect(applyRate(6_192, eight, invoiceTax.round)).toBe(495);
    expect(applyRate(6_192, eight, invoiceTax.ceil)).toBe(496);
  });

  it('is symmetric for credit notes: −6,192 × 8% 切捨て = −495', () => {
    expect(applyRate(-6_192, percent('8'), invoiceTax.floor)).toBe(-495);
  });

  it('rounds a yen amount to a unit: 標準賞与額 1,234,567 → 1,234,000', () => {
    expect(roundYen(1_234_567, floorTo1000)).toBe(1_234_000);
  });
});

describe('exactness', () => {
  it('multiplies 10¹² yen by 45.945% without losing a yen', () => {
    expect(applyRate(1_000_000_000_000, percent('45.945'), floor)).toBe(459_450_000_000);
    expect(applyRate(999_999_999_999, percent('10.21'), floor)).toBe(102_099_999_999);
  });

  it('equals the BigInt reference for any amount up to 10¹² and any rate per 100,000', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 0, max: 100_000 }), (amount, per100k) => {
        const exact = (BigInt(amount) * BigInt(per100k)) / 100_000n; // truncation toward zero = sign-symmetric floor
        expect(applyRate(amount, { num: per100k, den: 100_000 }, floor)).toBe(Number(exact));
      }),
    );
  });

  it('refuses a fractional yen amount', () => {
    expect(() => applyRate(100.5, percent('10'), floor)).toThrow(RangeError);
  });
});

describe('every rule moves a value by less than its unit, and half rules by at most half', () => {
  for (const rule of allRoundings) {
    it(`${rule.id} (${rule.ja})`, () => {
      fc.assert(
        fc.property(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (num, den) => {
          const r = rule.apply(num, den);
          expect(r % rule.unit).toBe(0n);
          // |r − num/den| < unit  ⇔  |r·den − num| < unit·den
          const diff = r * den - num;
          const abs = diff < 0n ? -diff : diff;
          expect(abs < rule.unit * den).toBe(true);
          if (
            ['halfUp', 'cashPayment', 'overtimePremium', 'employeeShareDeduction', 'halfUpTo10', 'halfUpTo100', 'invoiceTaxRound'].includes(
              rule.id,
            )
          ) {
            expect(abs * 2n <= rule.unit * den).toBe(true);
          }
          // Sign-symmetric: the rule on −x is −(the rule on x).
          expect(rule.apply(-num, den)).toBe(-r);
        }),
      );
    });
  }

  it('floor never rounds a magnitude up and ceil never rounds it down', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }), (num, den) => {
        expect(floor.apply(num, den) * den <= num).toBe(true);
        expect(ceil.apply(num, den) * den >= num).toBe(true);
      }),
    );
  });
});
