import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSUMPTION_TAX_PERIODS, consumptionTaxOn, WITHHOLDING_PERIODS, withholdingOn } from '../../../core/invoice/rates.js';
import { lineAmount, totalsByRate, withholdingTax } from '../../../core/invoice/tax.js';
import { rate } from '../../../core/money/rate.js';
import { readTable } from '../../../core/csv/table.js';
import { INVOICE_LINE_COLUMNS } from '../../../core/invoice/input.js';

const rates = CONSUMPTION_TAX_PERIODS[0]?.rates ?? (undefined as never);
const withholding = WITHHOLDING_PERIODS[0] ?? (undefined as never);

describe('consumption tax per rate, rounded once per invoice', () => {
  // 6,192 × 8 % = 495.36 (NTA-style example; JP PINT rule aligned-ibrp-051-jp accepts 495 and 496).
  it.each([
    ['floor', 495],
    ['round', 495],
    ['ceil', 496],
  ] as const)('8%% base 6,192 → %s %i', (mode, tax) => {
    expect(totalsByRate([{ amount: 6192, rate: '8' }], mode, 'exclusive', rates)).toEqual([
      { rate: '8', base: 6192, tax, gross: 6192 + tax },
    ]);
  });

  it('rounds the per-rate sum, never the sum of rounded line taxes', () => {
    // Ten lines of 105 yen at 8 %: each line's tax 8.4 would floor to 8 (Σ 80);
    // the rule is once per rate: 1,050 × 8 % = 84.
    const lines = Array.from({ length: 10 }, () => ({ amount: 105, rate: '8' as const }));
    expect(totalsByRate(lines, 'floor', 'exclusive', rates)[0]?.tax).toBe(84);
  });

  it('keeps rates apart and in the order 10 %, 8 %, 0 %', () => {
    const t = totalsByRate(
      [
        { amount: 3000, rate: '0' },
        { amount: 6192, rate: '8' },
        { amount: 5500, rate: '10' },
        { amount: 35400, rate: '10' },
      ],
      'floor',
      'exclusive',
      rates,
    );
    // 40,900 × 10 % = 4,090; 6,192 × 8 % = 495.36 → 495; 非課税 0.
    expect(t).toEqual([
      { rate: '10', base: 40900, tax: 4090, gross: 44990 },
      { rate: '8', base: 6192, tax: 495, gross: 6687 },
      { rate: '0', base: 3000, tax: 0, gross: 3000 },
    ]);
  });

  it('backs the tax out of tax-inclusive prices once per rate', () => {
    // 1,000 × 10/110 = 90.909…: floor 90 / round 91 / ceil 91; base = gross − tax.
    expect(totalsByRate([{ amount: 1000, rate: '10' }], 'floor', 'inclusive', rates)).toEqual([
      { rate: '10', base: 910, tax: 90, gross: 1000 },
    ]);
    expect(totalsByRate([{ amount: 1000, rate: '10' }], 'round', 'inclusive', rates)[0]?.tax).toBe(91);
    // 10,800 × 8/108 = 800 exactly.
    expect(totalsByRate([{ amount: 10800, rate: '8' }], 'ceil', 'inclusive', rates)[0]).toEqual({
      rate: '8',
      base: 10000,
      tax: 800,
      gross: 10800,
    });
  });

  it('gives a credit note the mirror image of the invoice (sign-symmetric rounding)', () => {
    expect(totalsByRate([{ amount: -6192, rate: '8' }], 'floor', 'exclusive', rates)[0]?.tax).toBe(-495);
    expect(totalsByRate([{ amount: -6192, rate: '8' }], 'ceil', 'exclusive', rates)[0]?.tax).toBe(-496);
  });

  it('property: tax lies between floor and ceiling of (Σ amounts × rate), as JP PINT aligned-ibrp-051-jp requires', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1_000_000, max: 10_000_000 }), { minLength: 1, maxLength: 20 }),
        fc.constantFrom('floor', 'round', 'ceil'),
        fc.constantFrom('10', '8'),
        (amounts, mode, key) => {
          const [t] = totalsByRate(
            amounts.map((amount) => ({ amount, rate: key })),
            mode,
            'exclusive',
            rates,
          );
          const exact = (amounts.reduce((a, b) => a + b, 0) * Number(key)) / 100;
          return t !== undefined && Math.floor(exact) <= t.tax && t.tax <= Math.ceil(exact);
        },
      ),
    );
  });

  it('property: inclusive prices split each rate exactly into base + tax', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000_000 }), { minLength: 1, maxLength: 10 }), (amounts) => {
        const [t] = totalsByRate(
          amounts.map((amount) => ({ amount, rate: '10' as const })),
          'round',
          'inclusive',
          rates,
        );
        return t !== undefined && t.base + t.tax === amounts.reduce((a, b) => a + b, 0);
      }),
    );
  });
});

describe('line amounts', () => {
  it('multiplies decimal quantities exactly and rounds the line down to the yen', () => {
    expect(lineAmount(1200, rate(3, 2))).toBe(1800); // 1.5 × 1,200
    expect(lineAmount(333, rate(1, 3))).toBe(111); // 0.333… × 333 = 111 exactly
    expect(lineAmount(999, rate(125, 100))).toBe(1248); // 1.25 × 999 = 1,248.75 → 1,248
    expect(lineAmount(-1000, rate(3, 1))).toBe(-3000); // 値引き lines are negative
  });
});

describe('源泉徴収 on 報酬 (10.21 %, 20.42 % over 1,000,000)', () => {
  it.each([
    [5000, 510], // 510.5 → 510 (1円未満切捨て)
    [100_000, 10210],
    [1_000_000, 102_100], // exactly at the threshold: 10.21 % only
    [1_000_001, 102_100], // 102,100 + 0.2042 → 102,100
    [1_100_000, 122_520], // 102,100 + 100,000 × 20.42 %
    [1_234_567, 149_998], // 102,100 + 234,567 × 20.42 % = 149,998.58… → 149,998
    [-100_000, -10210],
    [-4, 0], // −0.4084 → 0, never −0
  ])('%i → %i', (base, tax) => {
    expect(Object.is(withholdingTax(base, withholding), tax)).toBe(true);
  });
});

describe('rate tables', () => {
  it('know 10 % / 8 % from 2019-10-01 and refuse earlier dates', () => {
    expect(consumptionTaxOn('2019-10-01')?.rates['8']).toEqual(rate(8, 100));
    expect(consumptionTaxOn('2019-09-30')).toBeUndefined();
  });

  it('know the 復興特別所得税 period of the withholding rates and refuse dates after 2037', () => {
    expect(withholdingOn('2037-12-31')?.rate).toEqual(rate(1021, 10000));
    expect(withholdingOn('2038-01-01')).toBeUndefined();
  });
});

describe('税率 as a spreadsheet gives a percent cell', () => {
  it('reads 0.1 and 0.08 (10% and 8% formatted as percent, as Sheets and Excel hand them over) as 10 and 8', () => {
    // The Sheets sidebar rejected every line of a sheet whose 税率 column was formatted as percent.
    const t = readTable('税率\n0.1\n0.08\n10%\n8\n', { tax_rate: INVOICE_LINE_COLUMNS.tax_rate }, { file: 'lines.csv' });
    expect(t.problems).toEqual([]);
    expect(t.rows.map((r) => r.value.tax_rate)).toEqual(['10', '8', '10', '8']);
    expect(readTable('税率\n0.05\n', { tax_rate: INVOICE_LINE_COLUMNS.tax_rate }, { file: 'lines.csv' }).problems).toHaveLength(1);
  });
});
