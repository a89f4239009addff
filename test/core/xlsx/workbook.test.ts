import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { problem, type Problem } from '../../../core/errors.js';
import { readTable } from '../../../core/csv/table.js';
import { text, yen, date } from '../../../core/csv/columns.js';
import { inSheetTerms, isLegacyXls, isXlsx, readSheet, type SheetText } from '../../../core/xlsx/index.js';
import { cellNumberText, columnLetters, excelDate, excelNumber, numberKind, rangeStart } from '../../../core/xlsx/cells.js';
import { makeXlsx, STYLE, workbookParts, zipParts } from '../../helpers/xlsx.js';

const inflateRaw = (raw: Uint8Array, max: number) => new Uint8Array(inflateRawSync(raw, { maxOutputLength: max }));

function sheetOf(bytes: Uint8Array, sheet?: string): SheetText {
  const r = readSheet(bytes, { file: '給与.xlsx', inflateRaw, ...(sheet === undefined ? {} : { sheet }) });
  if ('message_ja' in r) throw new Error(r.message_ja);
  return r;
}

function refusal(bytes: Uint8Array, options: { sheet?: string; maxExpanded?: number } = {}): Problem {
  const r = readSheet(bytes, { file: '給与.xlsx', inflateRaw, ...options });
  if (!('message_ja' in r)) throw new Error(`read: ${r.csv}`);
  return r;
}

describe('Excel workbooks read as CSV text', () => {
  it('gives the first sheet as the CSV lines the table readers take, shared strings and numbers as written', () => {
    const s = sheetOf(
      makeXlsx([
        {
          name: '4月',
          rows: [
            ['社員番号', '氏名', '基本給'],
            ['E001', '山田 太郎', 300000],
            ['E002', 'a,"b"', 250000],
          ],
        },
      ]),
    );
    expect(s.sheet).toBe('4月');
    expect(s.file).toBe('給与.xlsx シート「4月」');
    expect(s.csv).toBe('社員番号,氏名,基本給\nE001,山田 太郎,300000\nE002,"a,""b""",250000\n');
  });

  it('leaves out the furigana Japanese Excel stores beside a name', () => {
    const s = sheetOf(makeXlsx([{ name: 'S', rows: [['氏名'], [{ v: '山田 太郎', t: 's', phonetic: 'ヤマダ タロウ' }]] }]));
    expect(s.csv).toBe('氏名\n山田 太郎\n');
  });

  it('shows dates as YYYY-MM-DD (built-in and 和暦 formats, 1900 and 1904 systems), percent with %, times as H:MM', () => {
    const rows = [
      ['d', 'w', 'p', 't', 'n'],
      [
        { v: '46167', s: STYLE.date },
        { v: '46167', s: STYLE.wareki },
        { v: '0.1', s: STYLE.percent },
        { v: '0.3541666666666667', s: STYLE.time },
        { v: '1100.0000000000002', s: STYLE.thousands },
      ],
    ];
    expect(sheetOf(makeXlsx([{ name: 'S', rows }])).csv).toBe('d,w,p,t,n\n2026-05-25,2026-05-25,10%,8:30,1100\n');
    // The same day is serial 44705 in a workbook that counts from 1904.
    const mac = makeXlsx([{ name: 'S', rows: [['d'], [{ v: '44705', s: STYLE.date }]] }], { date1904: true });
    expect(sheetOf(mac).csv).toBe('d\n2026-05-25\n');
  });

  it('reads inline strings, formula results, booleans and error values as their text', () => {
    const rows = [
      ['a', 'b', 'c', 'd', 'e'],
      [
        { v: 'インライン', inline: true },
        { v: '合計', t: 'str', f: 'A1&"計"' },
        { v: '1', t: 'b' },
        { v: '#N/A', t: 'e', f: 'VLOOKUP(1,X,2)' },
        { v: '0.30000000000000004', f: '0.1+0.2' },
      ],
    ];
    expect(sheetOf(makeXlsx([{ name: 'S', rows }])).csv).toBe('a,b,c,d,e\nインライン,合計,TRUE,#N/A,0.3\n');
  });

  it('keeps CSV lines on Excel rows: left-out rows are empty lines; rows are mapped back below a cell with a line break', () => {
    const s = sheetOf(
      makeXlsx([
        {
          name: 'S',
          rows: [
            ['id', 'memo'],
            ['1', '一行目\n二行目'],
            ['2', 'x'],
          ],
          rowNumbers: [1, 3, 5],
        },
      ]),
    );
    expect(s.csv).toBe('id,memo\n\n1,"一行目\n二行目"\n\n2,x\n');
    // parseCsv puts row 5's record on line 6 (the quoted break counts); the sheet says row 5.
    expect([s.rowOfLine(1), s.rowOfLine(3), s.rowOfLine(6)]).toEqual([1, 3, 5]);
  });

  it('names the problems the CSV readers find by Excel row and column letter', () => {
    const s = sheetOf(
      makeXlsx([
        {
          name: '4月',
          rows: [
            ['社員番号', '氏名', '基本給'],
            ['E001', '山田', '三十万'],
          ],
        },
      ]),
    );
    const t = readTable(s.csv, { id: text('社員番号'), name: text('氏名'), pay: yen('基本給') }, { file: s.file });
    expect(inSheetTerms(t.problems, s)).toEqual([
      expect.objectContaining({ file: '給与.xlsx シート「4月」', row: 2, column: '基本給（C列）', value: '三十万' }),
    ]);
    const other = problem('b.csv', 2, '基本給', '', 'x', 'x');
    expect(inSheetTerms([other], s)).toEqual([other]);
  });

  it('takes --sheet by its tab name, the first visible sheet without it, and lists the sheets when the name is not there', () => {
    const book = makeXlsx([
      { name: '説明', rows: [['x']], state: 'hidden' },
      { name: '4月', rows: [['a'], ['4']] },
      { name: '5月', rows: [['a'], ['5']] },
    ]);
    expect(sheetOf(book).sheet).toBe('4月');
    expect(sheetOf(book, '5月').csv).toBe('a\n5\n');
    expect(refusal(book, { sheet: '6月' }).message_ja).toBe('シート「6月」がありません（あるシート: 「説明」「4月」「5月」）');
  });

  it('refuses a zip bomb by the bound kept while inflating, whatever size the archive declares', () => {
    // 16 MB of the same byte deflates to about 16 KB; the archive may expand to 1 MB at most.
    const parts = workbookParts([{ name: 'S', rows: [['a']] }]);
    const bomb = new Map<string, string | Uint8Array>(parts);
    bomb.set('xl/worksheets/sheet1.xml', `<worksheet><sheetData>${' '.repeat(16 * 2 ** 20)}</sheetData></worksheet>`);
    expect(refusal(zipParts(bomb), { maxExpanded: 2 ** 20 }).message_ja).toMatch(
      /「xl\/worksheets\/sheet1.xml」は展開すると上限の 1 MB を超えます/,
    );
    // Declaring a small size, as a bomb does, changes nothing: the bound is kept while inflating.
    const lying = zipParts(bomb, 8, new Map([['xl/worksheets/sheet1.xml', 100]]));
    expect(lying.length).toBeLessThan(2 ** 20);
    const p = refusal(lying, { maxExpanded: 2 ** 20 });
    expect(p.message_ja).toMatch(/「xl\/worksheets\/sheet1.xml」は展開すると上限の 1 MB を超えます/);
    expect(p.row).toBe(0);
  });

  it('refuses a damaged or encrypted archive with a message, not a crash', () => {
    const book = makeXlsx([{ name: 'S', rows: [['a']] }]);
    expect(refusal(book.subarray(0, book.length - 30)).message_ja).toMatch(/^Excel ブックを読めません: ZIP の構造が壊れています/);
    expect(isXlsx(book.subarray(0, book.length - 30))).toBe(true);
  });

  it('knows a workbook and an old .xls by their bytes, not their names', () => {
    expect(isXlsx(makeXlsx([{ name: 'S', rows: [['a']] }]))).toBe(true);
    expect(isXlsx(zipParts(new Map([['a.txt', 'x']])))).toBe(false);
    expect(isXlsx(new TextEncoder().encode('PK,a\n1,2\n'))).toBe(false);
    expect(isLegacyXls(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBe(true);
  });
});

describe('cells', () => {
  it('shows numbers with at most 15 significant digits, as Excel does', () => {
    expect(excelNumber(0.1 + 0.2)).toBe('0.3');
    expect(excelNumber(1100.0000000000002)).toBe('1100');
    expect(excelNumber(123456789012)).toBe('123456789012');
    expect(excelNumber(-0.5)).toBe('-0.5');
  });

  it('counts 1900 dates around the 1900-02-29 that never was', () => {
    expect(excelDate(1, false, 'date')).toBe('1900-01-01');
    expect(excelDate(59, false, 'date')).toBe('1900-02-28');
    expect(excelDate(60, false, 'date')).toBeUndefined();
    expect(excelDate(61, false, 'date')).toBe('1900-03-01');
    expect(excelDate(46167.5, false, 'datetime')).toBe('2026-05-25 12:00');
  });

  it('reads what a format shows from its code', () => {
    expect(numberKind(176, 'yyyy"年"m"月"d"日"')).toBe('date');
    expect(numberKind(177, '[h]:mm')).toBe('time');
    expect(numberKind(178, '#,##0"円"')).toBe('number');
    expect(numberKind(179, '0.0%')).toBe('percent');
    expect(numberKind(180, '[Red]#,##0;[Blue]-#,##0')).toBe('number');
    expect(cellNumberText('x', 'number', false)).toBeUndefined();
    expect(columnLetters(0) + columnLetters(25) + columnLetters(26) + columnLetters(16383)).toBe('AZAAXFD');
  });

  it('refuses an Excel error value in any column of a CSV (a #N/A name would otherwise be printed)', () => {
    const t = readTable(
      'id,name,day\n1,#N/A,2026-05-25\n2,ok,2026-05-26\n',
      { id: text('id'), name: text('name'), day: date('day') },
      { file: 'a.csv' },
    );
    expect(t.rows.map((r) => r.value.id)).toEqual(['2']);
    expect(t.problems).toEqual([expect.objectContaining({ row: 2, column: 'name', value: '#N/A' })]);
  });
});

describe('rangeStart: where a range starts, as Excel and Sheets address it', () => {
  it('reads the first cell of a range, a whole column or whole rows, with or without the sheet', () => {
    expect(rangeStart("'4月 入金'!C5:H9")).toEqual({ row: 5, column: 3 });
    expect(rangeStart('請求明細!$AB$12')).toEqual({ row: 12, column: 28 });
    expect(rangeStart('C5')).toEqual({ row: 5, column: 3 });
    // A sheet name holding '!' is cut at the last one.
    expect(rangeStart("'A!B'!D2:E3")).toEqual({ row: 2, column: 4 });
    expect(rangeStart('請求明細!C:H')).toEqual({ row: 1, column: 3 });
    expect(rangeStart('5:9')).toEqual({ row: 5, column: 1 });
    expect(rangeStart('')).toEqual({ row: 1, column: 1 });
    expect(rangeStart('名前付き範囲')).toEqual({ row: 1, column: 1 });
  });
});
