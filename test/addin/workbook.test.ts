import { describe, expect, it } from 'vitest';
import { columnLetters as columnLetter } from '../../core/xlsx/cells.js';
import {
  cellIn,
  LEARNED_SHEET,
  markOpenItems,
  parseRangeRef,
  rangeRefText,
  readLearnedSheet,
  readTables,
  selectedAddress,
  writeLearnedSheet,
  writeResultSheet,
} from '../../addin/taskpane/workbook.js';
import { mockWorkbook } from './mock-workbook.js';

describe('range references', () => {
  it('reads sheet!address, quoted sheet names and a bare sheet name', () => {
    expect(parseRangeRef('入金明細!A1:H1001')).toEqual({ sheet: '入金明細', address: 'A1:H1001' });
    expect(parseRangeRef("'4月 入金'!$A$1:$H$20")).toEqual({ sheet: '4月 入金', address: 'A1:H20' });
    expect(parseRangeRef('請求残')).toEqual({ sheet: '請求残' });
  });
  it('names columns past Z as Excel does', () => {
    expect([0, 25, 26, 51, 52, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA']);
  });
  it('keeps text that starts like a formula as text', () => {
    expect(cellIn('=HYPERLINK("x")')).toBe('\'=HYPERLINK("x")');
    expect(cellIn('-1')).toBe("'-1");
    expect(cellIn('ヤマダ')).toBe('ヤマダ');
    expect(cellIn(-1)).toBe(-1);
    expect(cellIn(null)).toBe('');
  });
  it('keeps codes of digits as text, so 0012 is not written as 12 (the learned table matches by it next month)', () => {
    expect(['0012', '00000101', '1,000', '12.50', '5%'].map(cellIn)).toEqual(["'0012", "'00000101", "'1,000", "'12.50", "'5%"]);
    expect(['C0012', '2026-05-25', 'ｶ)ﾔﾏﾀﾞ', '1', '1001'].map(cellIn)).toEqual(['C0012', '2026-05-25', 'ｶ)ﾔﾏﾀﾞ', '1', '1001']);
    expect(cellIn(12)).toBe(12);
  });
});

describe('workbook actions (office-addin-mock)', () => {
  it('reads a whole-column selection (A:H) only as far as the sheet is used, not a million rows', async () => {
    // A click on the column headers gives 入金明細!A:H: loading it whole asked Excel for 8.4
    // million cells twice (Excel on the web refuses the answer, desktop hangs).
    const wb = mockWorkbook({
      入金明細: {
        used: 'A1:J3',
        ranges: {
          'A1:H3': {
            values: [
              ['日付', '金額', '', '', '', '', '', ''],
              ['2026-05-25', 100, '', '', '', '', '', ''],
              ['2026-05-26', 200, '', '', '', '', '', ''],
            ],
          },
        },
      },
      社員: {
        used: 'A1:C2',
        ranges: {
          'A1:C2': {
            values: [
              ['社員番号', '氏名', '基本給'],
              ['1', '山田', 300000],
            ],
          },
        },
      },
    });
    const [columns, rows] = await wb.run((c) => readTables(c, [parseRangeRef('入金明細!A:H'), parseRangeRef('社員!1:2')]));
    expect(columns?.name).toBe('入金明細!A:H');
    expect(columns?.values).toHaveLength(3);
    expect(rows?.values[1]).toEqual(['1', '山田', 300000]);
    expect(wb.sheet('入金明細')?.ranges['A:H']).toBeUndefined();
  });

  it('reads two ranges in one sync, dropping blank rows typed past the data', async () => {
    const wb = mockWorkbook({
      入金明細: {
        ranges: {
          'A1:B4': {
            values: [
              ['日付', '金額'],
              [46167, 100],
              ['', ''],
              ['', ''],
            ],
            numberFormat: [
              ['General', 'General'],
              ['yyyy/m/d', '#,##0'],
              ['General', 'General'],
              ['General', 'General'],
            ],
          },
        },
      },
      請求残: { ranges: { 'A1:A2': { values: [['請求書番号'], ['INV-1']] } } },
    });
    const tables = await wb.run((c) => readTables(c, [parseRangeRef('入金明細!A1:B4'), parseRangeRef('請求残!A1:A2')]));
    expect(wb.syncs()).toBe(1);
    expect(tables[0]).toEqual({
      name: '入金明細!A1:B4',
      address: '入金明細!A1:B4',
      values: [
        ['日付', '金額'],
        [46167, 100],
      ],
      formats: [
        ['General', 'General'],
        ['yyyy/m/d', '#,##0'],
      ],
    });
    expect(tables[1]?.values).toEqual([['請求書番号'], ['INV-1']]);
  });

  it('gives the address of the selection', async () => {
    const wb = mockWorkbook({});
    wb.select('入金明細', 0, 5, '入金明細!A1:C5');
    expect(await wb.run((c) => selectedAddress(c))).toBe('入金明細!A1:C5');
  });

  it('writes the result sheet in one write sync: values, bold frozen header, one tint per run of equal statuses', async () => {
    const wb = mockWorkbook({});
    const rows = [
      ['行', '状態'],
      [1, '自動消込'],
      [2, '自動消込'],
      [3, '要確認'],
      [4, '=cmd'],
    ];
    await wb.run((c) => writeResultSheet(c, '消込結果', rows, ['auto', 'auto', 'suggested', 'unmatched']));
    const sheet = wb.sheet('消込結果');
    expect(sheet?.ranges['A1:B5'].values).toEqual([
      ['行', '状態'],
      [1, '自動消込'],
      [2, '自動消込'],
      [3, '要確認'],
      [4, "'=cmd"],
    ]);
    expect(sheet?.ranges['A1:B1'].format.font.bold).toBe(true);
    expect(sheet?.freezePanes.rows).toBe(1);
    expect(sheet?.ranges['A2:B3'].format.fill.color).toBe('#DFF6DD');
    expect(sheet?.ranges['A4:B4'].format.fill.color).toBe('#FFF4CE');
    expect(sheet?.ranges['A5:B5'].format.fill.color).toBe('#FDE7E9');
    expect(sheet?.active).toBe(true);
    // one sync to learn whether an older result sheet exists, one for all the writes
    expect(wb.syncs()).toBe(2);
  });

  it('replaces an older result sheet of the same name', async () => {
    const wb = mockWorkbook({ 消込結果: { ranges: { A1: { values: [['old']] } } } });
    const old = wb.sheet('消込結果');
    await wb.run((c) => writeResultSheet(c, '消込結果', [['h'], [1]], ['auto']));
    expect(old?.deleted).toBe(true);
    expect(wb.sheet('消込結果')).not.toBe(old);
    expect(wb.sheet('消込結果')?.ranges['A1:A2'].values).toEqual([['h'], [1]]);
  });

  it('marks invoices in a 消込状態 column it adds right of the open items (table at C3)', async () => {
    const wb = mockWorkbook({
      請求残: {
        ranges: {
          'C3:E5': {
            values: [
              ['請求書番号', '得意先コード', '請求残高'],
              ['INV-1', 'C1', 100],
              ['INV-2', 'C2', 200],
            ],
            rowIndex: 2,
            columnIndex: 2,
          },
        },
      },
    });
    const marked = await wb.run((c) => markOpenItems(c, parseRangeRef('請求残!C3:E5'), new Map([['INV-2', '消込済']])));
    // The range the user gave grows by the column, for the next run to read the statuses.
    expect(marked).toEqual({ marked: 1, grown: { sheet: '請求残', address: 'C3:F5' } });
    const sheet = wb.sheet('請求残');
    expect(sheet?.ranges.F3.values).toEqual([['消込状態']]);
    expect(sheet?.ranges.F5.values).toEqual([['消込済']]);
    expect(sheet?.ranges.F4).toBeUndefined();
    // Whole columns stay whole columns: 請求残!C:E grows to C:F.
    const table = [
      ['請求書番号', '得意先コード', '請求残高'],
      ['INV-1', 'C1', 100],
      ['INV-2', 'C2', 200],
    ];
    const whole = mockWorkbook({ 請求残: { used: 'C1:E3', ranges: { 'C1:E3': { values: table, rowIndex: 0, columnIndex: 2 } } } });
    const byColumns = await whole.run((c) => markOpenItems(c, parseRangeRef('請求残!C:E'), new Map([['INV-2', '消込済']])));
    expect(byColumns.grown).toEqual({ sheet: '請求残', address: 'C:F' });
    // As the pane shows it, and reads it back the same.
    for (const text of ['請求残!C3:F5', "'4月 入金'!A1:H20", "'O''Brien'!A1:B2", '請求残'])
      expect(rangeRefText(parseRangeRef(text))).toBe(text);
  });

  it('reuses an existing 消込状態 column', async () => {
    const wb = mockWorkbook({
      請求残: {
        ranges: {
          'A1:B2': {
            values: [
              ['invoice_id', '消込状態'],
              ['INV-1', ''],
            ],
          },
        },
      },
    });
    await wb.run((c) => markOpenItems(c, parseRangeRef('請求残!A1:B2'), new Map([['INV-1', '一部入金 50円']])));
    expect(wb.sheet('請求残')?.ranges.B2.values).toEqual([['一部入金 50円']]);
    expect(wb.sheet('請求残')?.ranges.C1).toBeUndefined();
  });

  it('reuses a status column headed by its English name, not adding a 消込状態 beside it', async () => {
    // A second status column had been added, and the next read of the sheet had found the column twice.
    const wb = mockWorkbook({
      請求残: {
        ranges: {
          'A1:B2': {
            values: [
              ['invoice_id', 'status'],
              ['INV-1', ''],
            ],
          },
        },
      },
    });
    expect(await wb.run((c) => markOpenItems(c, parseRangeRef('請求残!A1:B2'), new Map([['INV-1', '消込済']])))).toEqual({ marked: 1 });
    expect(wb.sheet('請求残')?.ranges.B2.values).toEqual([['消込済']]);
    expect(wb.sheet('請求残')?.ranges.C1).toBeUndefined();
  });

  it('marks the status column the open items are read from: status before 消込状態, wherever each stands', async () => {
    // Marked in the first column matching either name, the items had been read back open from the other.
    const wb = mockWorkbook({
      請求残: {
        ranges: {
          'A1:C2': {
            values: [
              ['invoice_id', '消込状態', 'status'],
              ['INV-1', '', ''],
            ],
          },
        },
      },
    });
    await wb.run((c) => markOpenItems(c, parseRangeRef('請求残!A1:C2'), new Map([['INV-1', '消込済']])));
    expect(wb.sheet('請求残')?.ranges.C2.values).toEqual([['消込済']]);
    expect(wb.sheet('請求残')?.ranges.B2).toBeUndefined();
  });

  it('keeps the learned table in a hidden sheet and reads it back', async () => {
    const wb = mockWorkbook({});
    expect(await wb.run((c) => readLearnedSheet(c))).toBeUndefined();
    const rows = [
      ['kind', 'payer_key', 'customer_id'],
      ['payer', 'ヤマダショウジ', 'C001'],
    ];
    await wb.run((c) => writeLearnedSheet(c, rows));
    const sheet = wb.sheet(LEARNED_SHEET);
    expect(sheet?.visibility).toBe('Hidden');
    expect(sheet?.ranges['A1:C2'].values).toEqual(rows);
    expect((await wb.run((c) => readLearnedSheet(c)))?.values).toEqual(rows);
  });
});
