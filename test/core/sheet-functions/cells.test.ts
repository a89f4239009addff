import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseHours } from '../../../core/csv/columns.js';
import { rate } from '../../../core/money/rate.js';
import { InputError } from '../../../core/errors.js';
import { cellToDate, sheetCell, sheetsWallClock, withIsoDates } from '../../../core/sheet-functions/cells.js';

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

  it('keeps text the sheet would retype as a date, time, boolean or number as text: an id 1-2 stays 1-2', () => {
    // Excel's range.values and Sheets' setValues read a string as if typed: 社員番号 1-2 became a
    // date on 給与_YYYY-MM-DD, and that sheet read back as 年末調整's pay matched no employee.
    for (const s of [
      '1-2',
      '5/1',
      '2026-05',
      '2026/5/25',
      '12:30',
      '7:45:10',
      'TRUE',
      'false',
      '1E5',
      '2.5e-3',
      '5月1日',
      '2026年5月',
      '令和8年5月25日',
      'R8.5.25',
      '¥1,000',
      '$5',
      '1 1/2',
    ]) {
      expect(sheetCell(s), s).toBe(`'${s}`);
    }
    for (const s of ['A-1', 'INV-2026-05-001', 'ﾔﾏﾀﾞ ﾀﾛｳ', '山田', 'true story', 'E5', '1', '2026']) expect(sheetCell(s), s).toBe(s);
    // A whole ISO date is written for the sheet to make a date of (the panes' date columns).
    expect(sheetCell('2026-05-25')).toBe('2026-05-25');
  });
});

describe('sheetsWallClock: a Sheets cell as it shows, from its Date read in the spreadsheet’s zone', () => {
  it('reads a date as its day, and a time or duration (counted from 1899-12-30) as hours', () => {
    expect(sheetsWallClock('2026-05-25 00:00:00')).toBe('2026-05-25');
    expect(sheetsWallClock('2026-05-25 14:30:00')).toBe('2026-05-25');
    expect(sheetsWallClock('1899-12-30 12:00:00')).toBe('12:00');
    expect(sheetsWallClock('1899-12-30 00:20:00')).toBe('0:20');
    // 50:30 in a [h]:mm cell is 1900-01-01 02:30.
    expect(sheetsWallClock('1900-01-01 02:30:00')).toBe('50:30');
    // Seconds are kept, for the hours column to refuse rather than round.
    expect(sheetsWallClock('1899-12-30 07:45:30')).toBe('7:45:30');
    expect(sheetsWallClock('1899-12-29 23:00:00')).toBeUndefined();
    expect(sheetsWallClock('2026-02-30 00:00:00')).toBeUndefined();
    expect(sheetsWallClock('Mon May 25 2026')).toBeUndefined();
  });

  it('gives back every h:mm up to 8,000 hours, exactly as the hours column reads it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8_000 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const at = new Date(Date.UTC(1899, 11, 30) + (h * 60 + m) * 60_000).toISOString();
        const text = sheetsWallClock(`${at.slice(0, 10)} ${at.slice(11, 19)}`);
        expect(text).toBe(`${h}:${String(m).padStart(2, '0')}`);
        expect(parseHours(text ?? '')).toEqual({ ok: true, value: rate(h * 60 + m, 60) });
      }),
    );
  });
});

describe('cellToDate and date columns: a number is a date only where it can be one', () => {
  it('reads a number written as 年月日 digits (20260601, a bank CSV opened in a spreadsheet) as that day', () => {
    expect(cellToDate(20260601, 'date')).toBe('2026-06-01');
    expect(
      withIsoDates(
        [
          ['日付', '金額'],
          [20260601, 1000],
        ],
        ['date', '日付'],
        'bank',
      ),
    ).toEqual([
      ['日付', '金額'],
      ['2026-06-01', 1000],
    ]);
  });

  it('refuses a number that is no date a book holds, naming the row, rather than read it as a far day', () => {
    // 80601 (令和8年6月1日 with its 0 lost) had been read as the serial of 2120-09-03.
    expect(() => cellToDate(80601, 'date')).toThrow(InputError);
    expect(() => withIsoDates([['日付'], [45000], [80601]], ['日付'], 'bank')).toThrow(/row 3/);
    // Serials before 1900-03-01: Excel counts a 1900-02-29 that never was, so those days are off by one.
    expect(() => cellToDate(60, 'date')).toThrow(InputError);
    expect(() => cellToDate(59, 'date')).toThrow(InputError);
    expect(cellToDate(61, 'date')).toBe('1900-03-01');
    expect(cellToDate(46174, 'date')).toBe('2026-06-01');
  });
});
