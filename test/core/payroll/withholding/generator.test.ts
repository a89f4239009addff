/**
 * Independent cross-check of the shipped 月額表 data: the rule of payroll.md §1.3/§1.4 that
 * reproduces the printed NTA table from the computer-method parameters. Written here with plain
 * integer arithmetic, sharing no code with the engine, so a transcription error in a data module
 * and an error in this rule would have to coincide to go unnoticed.
 *
 * 甲 (row [from, to)): mid = (from + to)/2; B = mid − G(mid) − K − 31,667·n;
 *   s = round10(plainTax(B)); tax = round10(s × 1.021); tax < 100 → 0.
 * 乙 (row lower bound C): f(X) = ⌊plainTax(max(0, X − G(X) − K))⌋;
 *   c = round100_50(f(2.5C) − f(1.5C)); tax = round100_50(c × 1.021).
 */
import { describe, expect, it } from 'vitest';
import { monthlyWithholding, WITHHOLDING_VERSIONS } from '../../../../core/payroll/withholding/index.js';
import type { TaxColumn } from '../../../../core/payroll/withholding/index.js';

interface Params {
  /** 給与所得控除 minimum and the A up to which it applies. */
  gMin: number;
  gMinUpTo: number;
  /** 基礎控除 (monthly) for A ≤ 2,120,833. */
  basic: number;
}
const R8: Params = { gMin: 54_167, gMinUpTo: 158_333, basic: 48_334 };
const R9: Params = { gMin: 57_500, gMinUpTo: 169_444, basic: 51_667 };

/** ⌈a × pct / 100⌉ for integers a and pct (1円未満切上げ). */
const ceilPct = (a: number, pct: number) => Math.floor((a * pct + 99) / 100);

function g(p: Params, a: number): number {
  if (a <= p.gMinUpTo) return p.gMin;
  if (a <= 299_999) return ceilPct(a, 30) + 6_667;
  if (a <= 549_999) return ceilPct(a, 20) + 36_667;
  if (a <= 708_330) return ceilPct(a, 10) + 91_667;
  return 162_500;
}

/** Plain income tax (no surtax) on a monthly B, in hundredths of a yen (exact for integer B). */
function plainTaxHundredths(b: number): number {
  if (b <= 162_500) return b * 5;
  if (b <= 275_000) return b * 10 - 812_500;
  if (b <= 579_166) return b * 20 - 3_562_500;
  if (b <= 750_000) return b * 23 - 5_300_000;
  if (b <= 1_500_000) return b * 33 - 12_800_000;
  if (b <= 3_333_333) return b * 40 - 23_300_000;
  throw new Error('B beyond the rows of the table');
}

/** Half-up to a multiple of `unit` yen of an amount given in hundredths. */
const roundHundredths = (h: number, unit: number) => Math.floor((h + unit * 50) / (unit * 100)) * unit;

function kouCell(p: Params, from: number, to: number, n: number): number {
  const mid = (from + to) / 2;
  const b = mid - g(p, mid) - p.basic - 31_667 * n;
  if (b <= 0) return 0;
  const s = roundHundredths(plainTaxHundredths(b), 10);
  const tax = Math.floor((s * 1021 + 5_000) / 10_000) * 10; // round10(s × 1.021)
  return tax < 100 ? 0 : tax;
}

function otsuCell(p: Params, c: number): number {
  const f = (x: number) => Math.floor(plainTaxHundredths(Math.max(0, x - g(p, x) - p.basic)) / 100);
  const d = f(2.5 * c) - f(1.5 * c);
  const cr = Math.floor((d + 50) / 100) * 100; // 50円未満切捨て・50円以上切上げ
  return Math.floor((cr * 1021 + 50_000) / 100_000) * 100; // the same rule on c × 1.021
}

describe.each([
  { label: '令和8年分', params: R8, payDate: '2026-03-25' },
  { label: '令和9年分', params: R9, payDate: '2027-03-25' },
])('$label: the shipped 月額表 agrees with the generator rule in every row', ({ params, payDate }) => {
  const version = WITHHOLDING_VERSIONS.find((v) => payDate >= v.from && payDate <= v.to);
  const rows = version?.table?.rows ?? [];
  const api = (a: number, n: number, column: TaxColumn) =>
    monthlyWithholding({ taxable: a, dependents: n, column, payDate, method: 'table' });

  it('甲 0人〜7人 at each row midpoint', () => {
    expect(rows.length).toBeGreaterThan(200);
    const mismatches: string[] = [];
    for (const [from, to] of rows) {
      for (let n = 0; n <= 7; n++) {
        const got = api((from + to) / 2, n, 'kou');
        const want = kouCell(params, from, to, n);
        if (got !== want) mismatches.push(`${from}/${n}人: table ${got}, rule ${want}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('乙 at each row lower bound, and the 740,000 乙 anchor', () => {
    const mismatches: string[] = [];
    for (const [from] of [...rows, [740_000] as const]) {
      const got = api(from, 0, 'otsu');
      const want = otsuCell(params, from);
      if (got !== want) mismatches.push(`${from}: table ${got}, rule ${want}`);
    }
    expect(mismatches).toEqual([]);
  });
});

describe('the generator rule itself, checked by hand', () => {
  it('R9 row 251,000–254,000 / 1人: mid 252,500; G = 75,750 + 6,667 = 82,417; B = 252,500 − 82,417 − 51,667 − 31,667 = 86,749; 5 % = 4,337.45 → 4,340; × 1.021 = 4,431.1 → 4,430', () => {
    expect(kouCell(R9, 251_000, 254_000, 1)).toBe(4_430);
  });
  it('R9 乙 at 740,000: f(1,850,000) = 421,333; f(1,110,000) = 167,624; 253,709 → 253,700; × 1.021 = 259,027.7 → 259,000', () => {
    expect(otsuCell(R9, 740_000)).toBe(259_000);
  });
  it('R9 甲 anchors at 740,000 and 790,000 come out of the rule evaluated at the amount itself', () => {
    const r9 = (a: number, n: number) =>
      monthlyWithholding({ taxable: a, dependents: n, column: 'kou', payDate: '2027-03-25', method: 'table' });
    for (const amount of [740_000, 790_000]) {
      for (let n = 0; n <= 7; n++) expect(kouCell(R9, amount, amount, n)).toBe(r9(amount, n));
    }
  });
});
