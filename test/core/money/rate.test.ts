import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addRates,
  allocate,
  allocateSigned,
  compareRates,
  formatPercent,
  percent,
  perMille,
  rate,
  subtractRates,
} from '../../../core/money/index.js';

describe('rates are exact integer ratios', () => {
  it('parses a published percentage without float noise: 9.91% is 991/10000', () => {
    expect(percent('9.91')).toEqual({ num: 991, den: 10_000 });
  });
  it('adds 健康保険 and 介護 exactly: 9.85% + 1.62% = 11.47%', () => {
    expect(formatPercent(addRates(percent('9.85'), percent('1.62')))).toBe('11.47%');
  });
  it('splits 雇用保険: 13.5/1000 − 8.5/1000 = 5/1000', () => {
    expect(compareRates(subtractRates(perMille('13.5'), perMille('8.5')), perMille('5'))).toBe(0);
  });
  it('formats 10.21% and 0.115%', () => {
    expect(formatPercent(percent('10.21'))).toBe('10.21%');
    expect(formatPercent(percent('0.115'))).toBe('0.115%');
  });
  it('refuses a float numerator', () => {
    expect(() => rate(0.1, 1)).toThrow(RangeError);
    expect(() => percent('9,85')).toThrow(RangeError);
  });
});

describe('allocate', () => {
  it('gives the remainder to the earliest shares: 100 over 3 → 34, 33, 33', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
  });
  it('keeps a negative total: −100 over 1:3 → −25, −75', () => {
    expect(allocate(-100, [1, 3])).toEqual([-25, -75]);
  });
  it('keeps totals and stays within a yen of each exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.array(fc.integer({ min: 0, max: 1_000_000 }), { minLength: 1, maxLength: 20 }).filter((w) => w.some((x) => x > 0)),
        (total, weights) => {
          const shares = allocate(total, weights);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = BigInt(weights.reduce((a, b) => a + b, 0));
          shares.forEach((s, i) => {
            const exactTimesSum = BigInt(total) * BigInt(weights[i] ?? 0);
            const diff = BigInt(s) * sum - exactTimesSum;
            expect((diff < 0n ? -diff : diff) < sum).toBe(true);
          });
        },
      ),
    );
  });
});

describe('allocateSigned', () => {
  it('splits tax over a sale and a return: 900 over 11,000 and −1,100 → 1,000 and −100', () => {
    expect(allocateSigned(900, [11_000, -1_100])).toEqual([1000, -100]);
  });
  it('keeps totals and stays within a yen of each exact share, whatever the signs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc
          .array(fc.integer({ min: -1_000_000, max: 1_000_000 }), { minLength: 1, maxLength: 20 })
          .filter((a) => a.reduce((x, y) => x + y, 0) !== 0),
        (total, amounts) => {
          const shares = allocateSigned(total, amounts);
          expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
          const sum = BigInt(amounts.reduce((a, b) => a + b, 0));
          const abs = sum < 0n ? -sum : sum;
          shares.forEach((s, i) => {
            const diff = BigInt(s) * sum - BigInt(total) * BigInt(amounts[i] ?? 0);
            expect((diff < 0n ? -diff : diff) < abs).toBe(true);
          });
        },
      ),
    );
  });
});
