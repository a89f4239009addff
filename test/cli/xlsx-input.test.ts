/**
 * Every command that reads a table reads an Excel workbook too: the same sheet gives the same
 * outputs, byte for byte, as the CSV it was made from, and problems are named by file, sheet, Excel
 * row and column letter.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { csvAsXlsx, makeXlsx, STYLE } from '../helpers/xlsx.js';

const root = resolve(import.meta.dirname, '../..');
const example = (path: string) => readFileSync(join(root, 'examples', path), 'utf8');

let dir: string;
let err: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'urakata-xlsx-'));
  err = '';
});

const put = (name: string, content: string | Uint8Array) => writeFileSync(join(dir, name), content);
const read = (name: string) => readFileSync(join(dir, name));
async function urakata(...args: string[]): Promise<number> {
  err = '';
  return main(args, {
    out: () => undefined,
    err: (t) => {
      err += t;
    },
    cwd: dir,
  });
}

/** Each example CSV beside the workbook holding the same table. */
function examples(...paths: string[]): void {
  for (const p of paths) {
    const name = p.split('/').pop() ?? p;
    put(name, example(p));
    put(name.replace(/\.csv$/, '.xlsx'), csvAsXlsx(example(p), '明細'));
  }
}

describe('an Excel workbook where a CSV file is read', () => {
  it('payroll: the table and the 全銀 file are the same bytes from the workbooks as from the CSV files', async () => {
    examples('payroll/employees.csv', 'payroll/attendance.csv');
    put('company.json', example('payroll/company.json'));
    const args = (e: string, a: string, tag: string) => [
      'payroll',
      ...['--employees', e, '--attendance', a, '--pay-date', '2026-05-25', '--out', `p-${tag}.csv`],
      ...['--zengin', `z-${tag}.txt`, '--company', 'company.json'],
    ];
    expect(await urakata(...args('employees.csv', 'attendance.csv', 'csv'))).toBe(0);
    expect(await urakata(...args('employees.xlsx', 'attendance.xlsx', 'xlsx'))).toBe(0);
    expect(read('p-xlsx.csv').equals(read('p-csv.csv'))).toBe(true);
    expect(read('z-xlsx.txt').equals(read('z-csv.txt'))).toBe(true);
    expect(read('p-xlsx.csv').toString('utf8')).toContain('1001,山田 太郎,440000');
  });

  it('reconcile and bank-rec: the same results from workbooks', async () => {
    examples('reconcile/bank.csv', 'reconcile/open-items.csv', 'reconcile/book.csv');
    for (const ext of ['csv', 'xlsx']) {
      expect(await urakata('reconcile', '--bank', `bank.${ext}`, '--open-items', `open-items.${ext}`, '--out', `r-${ext}.csv`)).toBe(0);
      expect(
        await urakata('bank-rec', '--bank', `bank.${ext}`, '--book', `book.${ext}`, '--as-of', '2026-06-30', '--out', `b-${ext}.csv`),
      ).toBe(0);
    }
    expect(read('r-xlsx.csv').equals(read('r-csv.csv'))).toBe(true);
    expect(read('b-xlsx.csv').equals(read('b-csv.csv'))).toBe(true);
    expect(read('r-xlsx.csv').toString('utf8')).toContain('INV-2026-0101');
  });

  it('invoices: the same PDFs and manifest from a workbook, problems in errors.csv named by sheet, Excel row and column letter', async () => {
    examples('invoices/lines.csv');
    put('issuer.json', example('invoices/issuer.json'));
    expect(await urakata('invoices', '--in', 'lines.csv', '--issuer', 'issuer.json', '--out', 'from-csv', '--jobs', '1')).toBe(0);
    expect(await urakata('invoices', '--in', 'lines.xlsx', '--issuer', 'issuer.json', '--out', 'from-xlsx', '--jobs', '1')).toBe(0);
    const pdfs = readdirSync(join(dir, 'from-csv')).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(4);
    for (const f of [...pdfs, 'manifest.json']) expect(read(`from-xlsx/${f}`).equals(read(`from-csv/${f}`)), f).toBe(true);

    // Row 3's 単価 is text; a break in row 2's 備考 moves CSV lines, not Excel rows.
    const [header, first, second, ...rest] = example('invoices/lines.csv').trimEnd().split('\n');
    const cells = (line: string | undefined) => (line ?? '').split(',');
    const note = cells(header).indexOf('備考');
    const price = cells(header).indexOf('単価');
    const row2 = cells(first).map((c, i) => (i === note ? '一行目\n二行目' : c));
    const row3 = cells(second).map((c, i) => (i === price ? '五百五十' : c));
    put('bad.xlsx', makeXlsx([{ name: '5月', rows: [cells(header), row2, row3, ...rest.map(cells)] }]));
    expect(await urakata('invoices', '--in', 'bad.xlsx', '--issuer', 'issuer.json', '--out', 'bad', '--jobs', '1')).toBe(1);
    expect(readFileSync(join(dir, 'bad/errors.csv'), 'utf8')).toContain('bad.xlsx シート「5月」,3,単価（M列）,五百五十,');
    expect(err).toContain('bad.xlsx シート「5月」 3行目 列「単価（M列）」 値「五百五十」');
  });

  it('names a bad cell by file, sheet, Excel row and column letter, rows the sheet leaves out counted', async () => {
    examples('payroll/attendance.csv');
    const employees = makeXlsx([
      {
        name: '社員',
        rows: [
          ['社員番号', '氏名', '生年月日', '都道府県', '基本給', '扶養親族等の数', '税額表', '住民税', '雇用保険'],
          ['1001', '山田 太郎', { v: '29326', s: STYLE.date }, '東京都', 380000, 2, '甲', 23000, '一般'],
          ['1002', '佐藤 花子', { v: '34943', s: STYLE.date }, '東京都', '二十五万', 0, '甲', 12500, '一般'],
        ],
        rowNumbers: [1, 2, 4],
      },
    ]);
    put('employees.xlsx', employees);
    expect(await urakata('payroll', '--employees', 'employees.xlsx', '--attendance', 'attendance.csv', '--pay-date', '2026-05-25')).toBe(1);
    expect(err).toContain('employees.xlsx シート「社員」 4行目 列「基本給（E列）」 値「二十五万」');
  });

  it('reads the sheet --sheet names, and lists the sheets when it is not there', async () => {
    examples('payroll/employees.csv', 'payroll/bonuses.csv');
    // The bonus sheet itself, second in a workbook whose first sheet is a cover page.
    const bonusRows = example('payroll/bonuses.csv')
      .trimEnd()
      .split('\n')
      .map((l) => l.split(','));
    put(
      'book.xlsx',
      makeXlsx([
        { name: '表紙', rows: [['2026年 夏季賞与']] },
        { name: '賞与', rows: bonusRows },
      ]),
    );
    const args = (bonuses: string) => ['bonus', '--employees', 'employees.csv', '--bonuses', bonuses, '--pay-date', '2026-07-10'];
    expect(await urakata(...args('bonuses.csv'), '--out', 'csv.csv')).toBe(0);
    expect(await urakata(...args('book.xlsx'), '--sheet', '賞与', '--out', 'xlsx.csv')).toBe(0);
    expect(read('xlsx.csv').equals(read('csv.csv'))).toBe(true);
    expect(await urakata(...args('book.xlsx'), '--sheet', '冬季')).toBe(1);
    expect(err).toContain('book.xlsx: シート「冬季」がありません（あるシート: 「表紙」「賞与」）');
  });

  it('says a UTF-16 file (Excel’s Unicode テキスト) is one, with what to do, its garbled header never printed', async () => {
    const text = '入金日,金額,振込依頼人名\t\n2026-06-01,1000,ﾔﾏﾀﾞ\n';
    put('bank-le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    examples('reconcile/open-items.csv');
    expect(await urakata('reconcile', '--bank', 'bank-le.csv', '--open-items', 'open-items.csv')).toBe(1);
    expect(err).toContain(
      'bank-le.csv: UTF-16（Unicode テキスト）のファイルです。Excel で「CSV UTF-8（コンマ区切り）」か「CSV（コンマ区切り）」で保存し直してください',
    );
    expect(err).not.toContain('\u0000');
    // Big-endian too, and as the second file of a run (read on its own path).
    err = '';
    put('open-be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]));
    examples('reconcile/bank.csv');
    expect(await urakata('reconcile', '--bank', 'bank.csv', '--open-items', 'open-be.csv')).toBe(1);
    expect(err).toContain('open-be.csv: UTF-16');
  });

  it('says a workbook that is cut short or damaged (a ZIP without its workbook) cannot be read as one, not that it is a bad CSV', async () => {
    const book = makeXlsx([{ name: '入金', rows: [['入金日', '金額']] }]);
    put('bank.xlsx', book.subarray(0, 40));
    examples('reconcile/open-items.csv');
    expect(await urakata('reconcile', '--bank', 'bank.xlsx', '--open-items', 'open-items.csv')).toBe(1);
    expect(err).toContain('bank.xlsx: Excel ブック（.xlsx）として読めません');
    expect(err).not.toMatch(/列「/);
  });

  it('says an old .xls is one, with what to do', async () => {
    put('bank.xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]));
    examples('reconcile/open-items.csv');
    expect(await urakata('reconcile', '--bank', 'bank.xls', '--open-items', 'open-items.csv')).toBe(1);
    expect(err).toContain('bank.xls: 古い形式の Excel ブック (.xls) です。Excel で .xlsx か CSV として保存し直してください');
  });
});
