import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyWithholding } from '../../../../core/payroll/withholding/index.js';
import type { TaxColumn, WithholdingMethod } from '../../../../core/payroll/withholding/index.js';

const PAY_DATES = ['2026-04-25', '2027-04-23'] as const;
const amount = fc.integer({ min: 0, max: 5_000_000 });
const dependents = fc.integer({ min: 0, max: 10 });
const payDate = fc.constantFrom(...PAY_DATES);
const method = fc.constantFrom<WithholdingMethod>('table', 'computer');

const tax = (taxable: number, n: number, d: string, m: WithholdingMethod, column: TaxColumn = 'kou') =>
  monthlyWithholding({ taxable, dependents: n, column, payDate: d, method: m });

describe('withholding invariants', () => {
  it('甲: tax never decreases as pay increases (fixed dependants, same year, either method)', () => {
    fc.assert(
      fc.property(amount, amount, dependents, payDate, method, (a, b, n, d, m) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(tax(lo, n, d, m)).toBeLessThanOrEqual(tax(hi, n, d, m));
      }),
      { numRuns: 2_000 },
    );
  });

  it('乙: tax never decreases as pay increases', () => {
    fc.assert(
      fc.property(amount, amount, payDate, (a, b, d) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(tax(lo, 0, d, 'table', 'otsu')).toBeLessThanOrEqual(tax(hi, 0, d, 'table', 'otsu'));
      }),
      { numRuns: 1_000 },
    );
  });

  it('one more dependant never increases the tax', () => {
    fc.assert(
      fc.property(amount, dependents, payDate, method, (a, n, d, m) => {
        expect(tax(a, n + 1, d, m)).toBeLessThanOrEqual(tax(a, n, d, m));
      }),
      { numRuns: 2_000 },
    );
  });

  it('the result is a non-negative whole yen amount, 甲 and 乙', () => {
    fc.assert(
      fc.property(amount, dependents, payDate, method, (a, n, d, m) => {
        for (const t of [tax(a, n, d, m), tax(a, 0, d, m, 'otsu')]) {
          expect(Number.isSafeInteger(t)).toBe(true);
          expect(t).toBeGreaterThanOrEqual(0);
        }
      }),
      { numRuns: 1_000 },
    );
  });

  it('乙 is never below 甲 with no dependants', () => {
    fc.assert(
      fc.property(amount, payDate, (a, d) => {
        expect(tax(a, 0, d, 'table', 'otsu')).toBeGreaterThanOrEqual(tax(a, 0, d, 'table'));
      }),
      { numRuns: 1_000 },
    );
  });
});
