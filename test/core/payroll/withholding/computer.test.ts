/**
 * 電算機計算の特例: the NTA's worked examples (denshi_01.pdf p.3 for 令和8年分; the 令和7年分 version for
 * 令和2〜7年分) and the 令和9年分 cases of payroll-2027.md §2.3, each with its arithmetic.
 */
import { describe, expect, it } from 'vitest';
import { monthlyWithholding } from '../../../../core/payroll/withholding/index.js';

const computer = (taxable: number, dependents: number, payDate: string) =>
  monthlyWithholding({ taxable, dependents, column: 'kou', payDate, method: 'computer' });

describe('令和2〜7年分 (NTA examples, pay dates 2020–2025)', () => {
  it('175,000円 2人 → 640: G = 175,000 × 30 % + 6,667 = 59,167; B = 175,000 − 59,167 − 63,334 − 40,000 = 12,499; × 5.105 % = 638.07 → 640', () => {
    expect(computer(175_000, 2, '2025-05-25')).toBe(640);
  });
  it('446,000円 8人 → 1,370: G = 89,200 + 36,667 = 125,867; B = 446,000 − 125,867 − 253,336 − 40,000 = 26,797; × 5.105 % = 1,367.99 → 1,370', () => {
    expect(computer(446_000, 8, '2025-05-25')).toBe(1_370);
  });
  it('775,200円 3人 → 61,170: G = 162,500; B = 775,200 − 162,500 − 95,001 − 40,000 = 477,699; × 20.42 % − 36,374 = 61,172.1 → 61,170', () => {
    expect(computer(775_200, 3, '2025-05-25')).toBe(61_170);
  });
  it('uses the 40 % band between 135,417 and 149,999: 140,000円 0人: G = 56,000 − 8,333 = 47,667; B = 140,000 − 47,667 − 40,000 = 52,333; × 5.105 % = 2,671.6 → 2,670', () => {
    expect(computer(140_000, 0, '2020-01-01')).toBe(2_670);
  });
});

describe('令和8年分 (NTA examples, denshi_01.pdf)', () => {
  it('175,000円 2人 → 210: G = 59,167; B = 175,000 − 59,167 − 63,334 − 48,334 = 4,165; × 5.105 % = 212.6 → 210', () => {
    expect(computer(175_000, 2, '2026-05-25')).toBe(210);
  });
  it('446,000円 8人 → 940: B = 446,000 − 125,867 − 253,336 − 48,334 = 18,463; × 5.105 % = 942.5 → 940', () => {
    expect(computer(446_000, 8, '2026-05-25')).toBe(940);
  });
  it('775,200円 3人 → 59,470: B = 775,200 − 162,500 − 95,001 − 48,334 = 469,365; × 20.42 % − 36,374 = 59,470.3 → 59,470', () => {
    expect(computer(775_200, 3, '2026-05-25')).toBe(59_470);
  });
  it('differs from the table near the bottom: 104,000円 0人 → 80 (B = 104,000 − 54,167 − 48,334 = 1,499; × 5.105 % = 76.5 → 80), where the table gives 0', () => {
    expect(computer(104_000, 0, '2026-05-25')).toBe(80);
    expect(monthlyWithholding({ taxable: 104_000, dependents: 0, column: 'kou', payDate: '2026-05-25', method: 'table' })).toBe(0);
  });
  it('rounds 10円未満四捨五入 on the exact product: B = 1,861 → 95.004 → 100; B = 1,759 → 89.797 → 90', () => {
    // A = 1,861 + 54,167 + 48,334 = 104,362 → B = 1,861; 1,861 × 5.105 % = 95.00405 → 100
    expect(computer(104_362, 0, '2026-05-25')).toBe(100);
    // A = 104,260 → B = 1,759; × 5.105 % = 89.797 → 90
    expect(computer(104_260, 0, '2026-05-25')).toBe(90);
  });
  it('returns 0 when B ≤ 0: 100,000円 2人', () => {
    expect(computer(100_000, 2, '2026-05-25')).toBe(0);
  });
  it('uses the tapering 基礎控除 at very high pay: 2,200,000円 0人: K = 26,667; B = 2,200,000 − 162,500 − 26,667 = 2,010,833; × 40.84 % − 237,893 = 583,331.2 → 583,330', () => {
    expect(computer(2_200_000, 0, '2026-05-25')).toBe(583_330);
  });
  it('uses the top band beyond B = 3,333,333: 4,000,000円 0人: B = 3,837,500; × 45.945 % − 408,061 = 1,355,078.4 → 1,355,080', () => {
    expect(computer(4_000_000, 0, '2026-05-25')).toBe(1_355_080);
  });
});

describe('令和9年分 (payroll-2027.md §2.3; G minimum 57,500 up to 169,444, K = 51,667)', () => {
  const r9 = (a: number, n: number) => computer(a, n, '2027-01-25');
  it('175,000円 2人 → 40: G = 52,500 + 6,667 = 59,167; B = 175,000 − 59,167 − 63,334 − 51,667 = 832; × 5.105 % = 42.5 → 40', () => {
    expect(r9(175_000, 2)).toBe(40);
  });
  it('446,000円 8人 → 770: G = 125,867; B = 446,000 − 125,867 − 253,336 − 51,667 = 15,130; × 5.105 % = 772.4 → 770', () => {
    expect(r9(446_000, 8)).toBe(770);
  });
  it('775,200円 3人 → 58,790: B = 775,200 − 162,500 − 95,001 − 51,667 = 466,032; × 20.42 % − 36,374 = 58,789.7 → 58,790', () => {
    expect(r9(775_200, 3)).toBe(58_790);
  });
  it('253,500円 1人 → 4,460: G = 76,050 + 6,667 = 82,717; B = 253,500 − 82,717 − 31,667 − 51,667 = 87,449; × 5.105 % = 4,464.3 → 4,460', () => {
    expect(r9(253_500, 1)).toBe(4_460);
  });
  it('300,000円 0人 → 7,740: G = 60,000 + 36,667 = 96,667; B = 151,666; × 5.105 % = 7,742.6 → 7,740', () => {
    expect(r9(300_000, 0)).toBe(7_740);
  });
  it('111,000 and 110,999円 0人 → 90: B = 1,833 / 1,832; × 5.105 % = 93.6 / 93.5 → 90 (no "below the table → 0" rule in this method)', () => {
    expect(r9(111_000, 0)).toBe(90);
    expect(r9(110_999, 0)).toBe(90);
  });
  it('1,720,000円 0人 → 377,090: B = 1,720,000 − 162,500 − 51,667 = 1,505,833; × 40.84 % − 237,893 = 377,089.2 → 377,090', () => {
    expect(r9(1_720_000, 0)).toBe(377_090);
  });
  it('169,444円 → 3,080 / 1,460 / 0 for 0 / 1 / 2人, whichever reading of the 169,443/169,444 threshold', () => {
    // G = 57,500; B = 169,444 − 57,500 − 51,667 = 60,277; × 5.105 % = 3,077.1 → 3,080; 1人: 28,610 × 5.105 % = 1,460.5 → 1,460
    expect([0, 1, 2].map((n) => r9(169_444, n))).toEqual([3_080, 1_460, 0]);
  });
});

describe('乙欄 with method "computer"', () => {
  it('gives the 乙 column of the table (the NTA 乙 computer method is built to reproduce it): 300,000円 令和8年分 → 53,600', () => {
    expect(monthlyWithholding({ taxable: 300_000, dependents: 0, column: 'otsu', payDate: '2026-05-25', method: 'computer' })).toBe(53_600);
  });
  it('refuses 乙 for 2025, where neither an 乙 table nor an 乙 formula is included', () => {
    expect(() =>
      monthlyWithholding({ taxable: 300_000, dependents: 0, column: 'otsu', payDate: '2025-05-25', method: 'computer' }),
    ).toThrow('2025年分（令和2〜7年分）の乙欄の税額表は未収録です');
  });
});
