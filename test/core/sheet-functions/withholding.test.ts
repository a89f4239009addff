import { describe, expect, it } from 'vitest';
import { InputError } from '../../../core/errors.js';
import { withholdingFunctions } from '../../../core/sheet-functions/withholding.js';

/** As a host calls them on 2026-06-20 in Tokyo. */
const { BONUSWITHHOLDING, WITHHOLDING } = withholdingFunctions({ today: '2026-06-20' });

/** The argument an InputError names. */
function rejectedArgument(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof InputError) return e.problems[0]?.column ?? '';
    throw e;
  }
  throw new Error('accepted');
}

describe('WITHHOLDING', () => {
  it('gives the 令和8年分 table amount: 175,000円 2人 甲 → 250', () => {
    expect(WITHHOLDING(175_000, 2, '甲', '2026-05-25')).toBe(250);
  });
  it('takes the computer method: 175,000円 2人 → 210', () => {
    expect(WITHHOLDING(175_000, 2, 'kou', '2026-05-25', 'computer')).toBe(210);
  });
  it('takes 乙 as "乙" or "otsu": 300,000円 → 53,600', () => {
    expect(WITHHOLDING(300_000, 0, '乙', '2026-05-25')).toBe(53_600);
    expect(WITHHOLDING(300_000, 0, 'OTSU', '2026-05-25')).toBe(53_600);
  });
  it('takes an Excel serial date: 46167 is 2026-05-25', () => {
    expect(WITHHOLDING(175_000, 2, '甲', 46_167)).toBe(250);
  });
  it('takes a Sheets Date (read as the Tokyo date): 2027-01-08 00:30 JST is a 令和9年分 pay date (300,000円 → 7,760)', () => {
    expect(WITHHOLDING(300_000, 0, '甲', new Date('2027-01-07T15:30:00Z'))).toBe(7_760);
  });
  it("defaults to 甲, the table method and the host's today: 250,000円 1人 → 4,490 (令和8年分)", () => {
    expect(WITHHOLDING(250_000, 1)).toBe(4_490);
    expect(WITHHOLDING(250_000, 1)).toBe(WITHHOLDING(250_000, 1, '甲', '2026-06-20', 'table'));
  });
  it("takes the year's table from the host's today, not the clock: 300,000円 0人 → 7,930 in 2026, 7,760 in 2027", () => {
    expect(withholdingFunctions({ today: '2026-12-31' }).WITHHOLDING(300_000, 0)).toBe(7_930);
    expect(withholdingFunctions({ today: '2027-01-08' }).WITHHOLDING(300_000, 0)).toBe(7_760);
  });
  it('takes text amounts: "¥446,000" with 8 dependants → 1,010', () => {
    expect(WITHHOLDING('¥446,000', 8, '甲', '2026-05-25')).toBe(1_010);
  });
  it('maps a one-column range to a one-column result, blank rows stay blank (3人: 0, —, 9,870, 59,477)', () => {
    expect(WITHHOLDING([[175_000], [''], [446_000], [775_200]], 3, '甲', '2026-05-25')).toEqual([[0], [''], [9_870], [59_477]]);
  });
  it('takes dependants and columns per row too', () => {
    expect(WITHHOLDING([[175_000], [446_000], [300_000]], [[2], [8], [0]], [['甲'], ['甲'], ['乙']], '2026-05-25')).toEqual([
      [250],
      [1_010],
      [53_600],
    ]);
  });
  it('names the row of a bad cell in a range: taxable[row 2]', () => {
    expect(rejectedArgument(() => WITHHOLDING([[175_000], [-5], [1]], 0, '甲', '2026-05-25'))).toBe('taxable[row 2]');
    expect(rejectedArgument(() => WITHHOLDING([[175_000], [1]], [[0], [2]], [['甲'], ['乙']], '2026-05-25'))).toBe('dependents[row 2]');
  });
  it('rejects a range of the wrong shape', () => {
    expect(rejectedArgument(() => WITHHOLDING([[1, 2]], 0, '甲', '2026-05-25'))).toBe('taxable');
    expect(rejectedArgument(() => WITHHOLDING([[1], [2]], [[0]], '甲', '2026-05-25'))).toBe('dependents');
  });
  it('rejects an unknown column, method or date, and a 2028 pay date', () => {
    expect(rejectedArgument(() => WITHHOLDING(1, 0, '丙', '2026-05-25'))).toBe('column');
    expect(rejectedArgument(() => WITHHOLDING(1, 0, '甲', '2026-05-25', 'guess'))).toBe('method');
    expect(rejectedArgument(() => WITHHOLDING(1, 0, '甲', 'someday'))).toBe('pay_date');
    expect(() => WITHHOLDING(1, 0, '甲', '2028-01-25')).toThrow('2028年分の源泉徴収税額表は未収録です');
  });
  it('handles 10,000 rows in one call quickly (one spreadsheet range)', () => {
    const range = Array.from({ length: 10_000 }, (_, i) => [100_000 + i * 97]);
    const started = performance.now();
    const out = WITHHOLDING(range, 1, '甲', '2026-05-25') as number[][];
    expect(out).toHaveLength(10_000);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('BONUSWITHHOLDING', () => {
  it('applies the 算出率: 500,000 after SI, previous 300,000, 2人 → 4.084 % → 20,420', () => {
    expect(BONUSWITHHOLDING(500_000, 300_000, 2, '甲', '2026-07-10')).toBe(20_420);
  });
  it('treats a blank previous month as no pay: 1,200,000 → (4,340 − 0) × 6 = 26,040', () => {
    expect(BONUSWITHHOLDING(1_200_000, '', 0, '甲', '2026-07-10')).toBe(26_040);
  });
  it('takes 乙: 400,000 with previous 300,000 → 30.63 % → 122,520', () => {
    expect(BONUSWITHHOLDING(400_000, 300_000, 0, '乙', '2026-07-10')).toBe(122_520);
  });
  it('names a bad argument', () => {
    expect(rejectedArgument(() => BONUSWITHHOLDING('abc', 300_000, 0, '甲', '2026-07-10'))).toBe('bonus_after_si');
    expect(rejectedArgument(() => BONUSWITHHOLDING(1, 300_000, 0, '甲', '2028-07-10'))).toBe('pay_date');
  });
});
