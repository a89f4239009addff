import { describe, expect, it } from 'vitest';
import { sheetCell } from '../../../core/sheet-functions/cells.js';

describe('sheetCell: a value as both panes write it into a cell', () => {
  it('keeps numbers and booleans, neutralises formulas, keeps codes as text, and writes nothing as empty', () => {
    expect([12, 0, -3.5, true, false].map(sheetCell)).toEqual([12, 0, -3.5, true, false]);
    expect(sheetCell('=HYPERLINK("http://x")')).toBe('\'=HYPERLINK("http://x")');
    expect(sheetCell('＝1+1')).not.toBe('＝1+1');
    expect(sheetCell('0012')).toBe("'0012");
    expect(sheetCell('1')).toBe('1');
    expect(sheetCell('山田商事')).toBe('山田商事');
    expect([null, undefined].map(sheetCell)).toEqual(['', '']);
    expect(sheetCell(12n)).toBe(12);
    // Beyond a safe integer a bigint stays exact, as text.
    expect(sheetCell(2n ** 60n)).toBe("'1152921504606846976");
  });
});
