import { describe, expect, it } from 'vitest';
import { invoiceFunctions } from '../../../core/sheet-functions/invoice.js';
import { InputError } from '../../../core/errors.js';

/** As a host calls them on 2026-06-01 in Tokyo. */
const { INVOICETAX, TNUMBER } = invoiceFunctions({ today: '2026-06-01' });

describe('INVOICETAX', () => {
  it('sums per rate and rounds once: 10 % 40,900 → 4,090, 8 % 6,192 → 495', () => {
    expect(INVOICETAX([[5500], [35400], [6192]], [[10], ['10%'], ['8%']])).toEqual([
      ['税率', '対象額', '消費税額'],
      ['10%', 40900, 4090],
      ['8%', 6192, 495],
    ]);
  });

  it('applies the rounding argument (6,192 × 8 % = 495.36)', () => {
    expect(INVOICETAX([[6192]], [[0.08]], 'round')[1]).toEqual(['8%', 6192, 495]);
    expect(INVOICETAX([[6192]], [[8]], 'ceil')[1]).toEqual(['8%', 6192, 496]);
    expect(INVOICETAX([[6192]], [['軽減']], '切捨て')[1]).toEqual(['8%', 6192, 495]);
  });

  it('never adds up rounded line taxes: ten lines of 105 yen at 8 % give 84, not 80', () => {
    const amounts = Array.from({ length: 10 }, () => [105]);
    const rates = Array.from({ length: 10 }, () => [8]);
    expect(INVOICETAX(amounts, rates)[1]).toEqual(['8%', 1050, 84]);
  });

  it('skips rows where both cells are blank and accepts amounts typed as text', () => {
    expect(INVOICETAX([['¥1,000'], [''], [null]], [[10], [''], [null]])).toEqual([
      ['税率', '対象額', '消費税額'],
      ['10%', 1000, 100],
    ]);
  });

  it('names the row of a bad rate and rejects a bad rounding mode', () => {
    expect(() => INVOICETAX([[100], [200]], [[10], [5]])).toThrow(/rates\[row 2\]|税率/);
    try {
      INVOICETAX([[100], [200]], [[10], [5]]);
    } catch (e) {
      expect((e as InputError).problems[0]?.column).toBe('rates[row 2]');
    }
    expect(() => INVOICETAX([[100]], [[10]], 'banker')).toThrow(InputError);
    expect(() => INVOICETAX([[100], [1]], [[10]])).toThrow(InputError);
  });
  it("uses the rates in force on the host's today: none are known before 2019-10-01", () => {
    expect(invoiceFunctions({ today: '2019-10-01' }).INVOICETAX([[1000]], [[8]])[1]).toEqual(['8%', 1000, 80]);
    expect(() => invoiceFunctions({ today: '2019-09-30' }).INVOICETAX([[1000]], [[8]])).toThrow(
      'no consumption-tax rates are known for today',
    );
  });
});

describe('TNUMBER', () => {
  it('is TRUE for a corporate number whose check digit matches (incl. check digit 9)', () => {
    expect(TNUMBER('T7000012050002')).toBe(true);
    expect(TNUMBER('T9011001017684')).toBe(true);
    expect(TNUMBER('Ｔ７０００－０１２０５－０００２')).toBe(true);
  });

  it('is FALSE for a bad check digit, a malformed number or a blank cell', () => {
    expect(TNUMBER('T8000012050002')).toBe(false);
    expect(TNUMBER('7000012050002')).toBe(false);
    expect(TNUMBER(7000012050002)).toBe(false);
    expect(TNUMBER('')).toBe(false);
    expect(TNUMBER(null)).toBe(false);
  });
});
