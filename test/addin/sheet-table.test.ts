import { describe, expect, it } from 'vitest';
import { sheetTableToCsv } from '../../addin/taskpane/sheet-table.js';
import { formatKind } from '../../core/xlsx/cells.js';

const isDateFormat = (f: string) => formatKind(f) === 'date';

describe('sheet cells as CSV for core readers', () => {
  it('tells date formats from number and text formats', () => {
    for (const f of ['yyyy/m/d', 'm/d/yyyy', 'yyyy"年"m"月"d"日"', '[$-ja-JP]ggge"年"m"月"d"日"', 'dd-mmm-yy'])
      expect(isDateFormat(f), f).toBe(true);
    for (const f of ['General', '#,##0', '#,##0"円"', '[$¥-411]#,##0', '@', '0.00', 'h:mm', '"day"0'])
      expect(isDateFormat(f), f).toBe(false);
  });

  it('writes a date-formatted serial as an ISO date and leaves a plain number alone', () => {
    // 46167 = 2026-05-25 (1899-12-30 + 46167 days)
    const csv = sheetTableToCsv({
      name: 'S',
      values: [
        ['日付', '金額', '名義'],
        [46_167, 46_167, 'ﾔﾏﾀﾞ,ﾀﾛｳ'],
      ],
      formats: [
        ['General', 'General', 'General'],
        ['yyyy/m/d', '#,##0', '@'],
      ],
    });
    expect(csv).toBe('日付,金額,名義\n2026-05-25,46167,"ﾔﾏﾀﾞ,ﾀﾛｳ"');
  });

  it('writes a time-formatted cell as the hours it shows and a percent as its percent, as a workbook read by the CLI gives them', () => {
    // 時間外 typed as 12:00 in a [h]:mm cell holds 0.5 (of a day): read as 0.5 hours it paid 1,172
    // yen of overtime instead of 28,125. A 税率 cell formatted 0% holds 0.1.
    const csv = sheetTableToCsv({
      name: 'S',
      values: [
        ['時間外', '深夜', '税率'],
        [0.5, 1.3125, 0.1],
      ],
      formats: [
        ['General', 'General', 'General'],
        ['[h]:mm', '[h]:mm', '0%'],
      ],
    });
    expect(csv).toBe('時間外,深夜,税率\n12:00,31:30,10%');
  });
});
