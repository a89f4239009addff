import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { employmentInsurance } from '../../../core/payroll/index.js';

describe('雇用保険 worker share: 50銭以下切捨て・50銭超切上げ (payroll.md §7.2 S11)', () => {
  it.each([
    [300_100, 1_500], // 1,500.5 → 1,500
    [300_102, 1_501], // 1,500.51 → 1,501
    [100_100, 500], // 500.5 → 500
    [100_101, 501], // 500.505 → 501
  ])('R8 一般 5/1000 on %i → %i', (wage, share) => {
    expect(employmentInsurance(wage, 'general', '2026-04-30').employee).toBe(share);
  });
  it('employer share = ⌊wage × 13.5/1000⌋ − worker: 300,100 → 4,051 − 1,500 = 2,551', () => {
    expect(employmentInsurance(300_100, 'general', '2026-04-30')).toEqual({ employee: 1_500, employer: 2_551 });
  });
  it('建設 R8 6/1000 of 16.5/1000: 400,000 → 2,400 and 6,600 − 2,400 = 4,200', () => {
    expect(employmentInsurance(400_000, 'construction', '2026-05-31')).toEqual({ employee: 2_400, employer: 4_200 });
  });
  it('対象外 (not insured) pays nothing', () => {
    expect(employmentInsurance(400_000, 'none', '2026-05-31')).toEqual({ employee: 0, employer: 0 });
  });
});

describe('the rate follows the wage closing date, not the pay date', () => {
  it('closing 2026-03-31 (paid in April) still uses R7 5.5/1000: 300,000 → 1,650', () => {
    expect(employmentInsurance(300_000, 'general', '2026-03-31').employee).toBe(1_650);
  });
  it('closing 2026-04-01 uses R8 5/1000: 300,000 → 1,500', () => {
    expect(employmentInsurance(300_000, 'general', '2026-04-01').employee).toBe(1_500);
  });
  it('農林水産 R7 6.5/1000 → R8 6/1000 across the switch: 200,000 → 1,300 then 1,200', () => {
    expect(employmentInsurance(200_000, 'agriculture', '2026-03-20').employee).toBe(1_300);
    expect(employmentInsurance(200_000, 'agriculture', '2026-04-20').employee).toBe(1_200);
  });
  it.each(['2025-03-31', '2027-04-01'])('refuses closing date %s', (d) => {
    expect(() => employmentInsurance(300_000, 'general', d)).toThrow(InputError);
  });
});

describe('invariants', () => {
  it('worker + employer = ⌊wage × total rate⌋, both non-negative', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 50_000_000 }),
        fc.constantFrom('general', 'agriculture', 'construction' as const),
        (wage, industry) => {
          const s = employmentInsurance(wage, industry, '2026-06-30');
          const totalPerMille = { general: 13.5, agriculture: 15.5, construction: 16.5 }[industry];
          expect(s.employee + s.employer).toBe(Math.floor((wage * totalPerMille * 10) / 10_000));
          expect(s.employee).toBeGreaterThanOrEqual(0);
          expect(s.employer).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});
