/**
 * One rule for both add-ons of where the header of selected lines is, which rows are sent, and
 * which sheet row a problem's row means (core/sheet-functions/sheet-lines.ts): checked on hand-made
 * selections and, as a property, on selections with blank rows and cells holding line breaks.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanCsv } from '../../../core/csv/parse.js';
import { problem } from '../../../core/errors.js';
import { INVOICE_LINE_COLUMNS } from '../../../core/invoice/input.js';
import { planInvoices } from '../../../core/invoice/plan.js';
import type { CellValue } from '../../../core/sheet-functions/cells.js';
import { errorsInSheetRows, inSheetRows, isHeaderRow, sheetLines, sheetRowOf } from '../../../core/sheet-functions/sheet-lines.js';

const WORDS = { ja: '請求明細', en: 'invoice lines' };
const HEADER = ['invoice_no', 'issue_date', 'item', 'note'];
const lines = (values: CellValue[][], firstRow: number, topRow?: CellValue[]) =>
  sheetLines({ sheet: '請求明細', values, firstRow, topRow }, INVOICE_LINE_COLUMNS, WORDS);

describe('sheetLines: the header, the rows sent, and the sheet row of each', () => {
  it('takes the header from the selection when it is there, below a title; blank rows are not sent but keep their numbers', () => {
    // 請求明細!A3:D8: row 3 the header (a title in rows 1–2), row 6 blank.
    const l = lines(
      [
        HEADER,
        ['A-1', '2026-05-25', 'りんご', ''],
        ['A-1', '2026-05-25', 'みかん', ''],
        ['', '', '', ''],
        ['A-2', '2026-05-26', 'ぶどう', ''],
        ['', null, undefined, ''],
      ],
      3,
    );
    expect(l.csv).toBe('invoice_no,issue_date,item,note\nA-1,2026-05-25,りんご,\nA-1,2026-05-25,みかん,\nA-2,2026-05-26,ぶどう,');
    expect(l.rows).toBe(3);
    expect(l.lineRows).toEqual([
      [1, 3],
      [2, 4],
      [3, 5],
      [4, 7],
    ]);
  });

  it('takes the header from row 1 when only data rows are selected', () => {
    // 請求明細!A5:D7 with the header in row 1: line 2 of the CSV is sheet row 5.
    const l = lines(
      [
        ['A-1', '2026-05-25', 'りんご', ''],
        ['', '', '', ''],
        ['A-2', '2026-05-26', 'ぶどう', ''],
      ],
      5,
      HEADER,
    );
    expect(l.csv.split('\n')[0]).toBe('invoice_no,issue_date,item,note');
    expect(l.lineRows).toEqual([
      [1, 1],
      [2, 5],
      [3, 7],
    ]);
  });

  it('reads Japanese headers, and refuses a selection with no header or no rows, before anything is sent', () => {
    expect(isHeaderRow(['請求書番号', '請求日', '品目'], INVOICE_LINE_COLUMNS)).toBe(true);
    expect(isHeaderRow(['A-1', '2026-05-25', 'りんご'], INVOICE_LINE_COLUMNS)).toBe(false);
    // A title in row 1 is not a header.
    expect(() => lines([['A-1', '2026-05-25', 'りんご', '']], 5, ['2026年5月 請求明細', '', '', ''])).toThrow(
      /請求明細の見出し行がありません.*no header row of the invoice lines/,
    );
    expect(() => lines([HEADER, ['', '', '', '']], 1)).toThrow(/請求明細の行を選択してください/);
  });

  it('says a problem of the CSV by the sheet row, a cell with line breaks counted as the server counts it', () => {
    // The example's header and two lines; sheet row 4's 備考 holds two line breaks, and sheet row
    // 5 has no 品目: the CSV's record of sheet row 5 starts on line 5.
    const [header, first, second] = readFileSync(join(import.meta.dirname, '../../../examples/invoices/lines.csv'), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.split(','));
    const note = header?.indexOf('備考') ?? -1;
    const item = header?.indexOf('品目') ?? -1;
    const withNote = (first ?? []).map((c, i) => (i === note ? '一行目\n二行目\r\n三行目' : c));
    const noItem = (second ?? []).map((c, i) => (i === item ? '' : c));
    const l = lines([header ?? [], withNote, noItem], 3);
    expect(l.lineRows).toEqual([
      [1, 3],
      [2, 4],
      [5, 5],
    ]);
    // The server's own reading: the empty 品目 of sheet row 5 is refused on its CSV line.
    const issuer = { name: '株式会社サンプル', registration_number: 'T5010001234566' } as never;
    const plan = planInvoices(l.csv, issuer, 'lines.csv', 'book');
    const found = [...plan.fatal, ...plan.problems].filter((p) => p.column === 'item' || p.column === '品目');
    expect(found.map((p) => p.row)).toEqual([5]);
    expect(inSheetRows(found, 'lines.csv', l).map((p) => [p.file, p.row])).toEqual([['請求明細', 5]]);
    expect(inSheetRows([problem('other.csv', 5, '', '', 'x', 'x')], 'lines.csv', l)[0]).toMatchObject({ file: 'other.csv', row: 5 });
    expect(sheetRowOf(l, 3)).toBe(4);
    expect(sheetRowOf(l, 0)).toBe(0);
  });

  it('says the rows of a batch errors.csv by the sheet row; the batch as a whole stays row 0', () => {
    const l = lines(
      [
        ['A-1', '2026-05-25', 'りんご', ''],
        ['A-2', '2026-05-26', '=cmd', ''],
      ],
      10,
      HEADER,
    );
    const rows = [
      { file: 'lines.csv', row: '3', column: 'item', value: '=cmd', message: '品目が不正です / bad item' },
      { file: 'lines.csv', row: '0', column: '', value: '', message: 'バッチを中止しました / the batch stopped' },
      { file: 'lines.csv', row: '', column: '', value: '', message: 'x' },
    ];
    expect(errorsInSheetRows(rows, l).map((r) => [r.file, r.row])).toEqual([
      ['請求明細', '11'],
      ['lines.csv', '0'],
      ['lines.csv', ''],
    ]);
  });

  it('gives every record its own sheet row, whatever the blank rows and line breaks (property)', () => {
    const cell = fc.oneof(fc.constantFrom('', 'A-1', 'りんご', '"引用"', 'a,b'), fc.constantFrom('一\n二', '一\r\n二\r三', '\n'));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 2, max: 50 }),
        (rows, firstRow) => {
          // A row of spaces and line breaks only is blank, as a sheet function's range reads it.
          const blank = (r: string[]) => r.every((c) => c.trim() === '');
          const sent = rows.filter((r) => !blank(r));
          fc.pre(sent.length > 0);
          const l = lines(rows, firstRow, HEADER);
          const records: { fields: string[]; line: number }[] = [];
          scanCsv(l.csv, (fields, line) => records.push({ fields, line }), []);
          expect(records.length).toBe(sent.length + 1);
          const expectedRows = rows.flatMap((r, i) => (blank(r) ? [] : [firstRow + i]));
          expect(records.slice(1).map((r) => sheetRowOf(l, r.line))).toEqual(expectedRows);
          expect(records.slice(1).map((r) => r.fields)).toEqual(sent);
        },
      ),
    );
  });
});
