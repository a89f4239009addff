/**
 * Finding 12 — characters that are not text got through (found by the UBL 2.1 schema check of the
 * JP PINT XML): the table readers refused control characters but let through the Unicode
 * noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, the last two code points of every plane) and
 * unpaired surrogates (an Excel workbook can hold one as _xD800_); and the issuer JSON of
 * `urakata invoices` and the company JSON of payroll and payments were not screened at all, so
 * U+000B in the issuer's name or U+D800 in its address was printed on every PDF. None of them is
 * text (XML 1.0 cannot hold U+FFFE, U+FFFF, a surrogate or those control characters), and no
 * Japanese back-office text holds one. Each is now refused where it is read, with the file, the
 * row and column (or the JSON field) and the character as U+XXXX.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nonNegativeYen, readTable, text } from '../../core/csv/index.js';
import { parseIssuer } from '../../core/invoice/index.js';
import { parsePayer } from '../../core/payroll/year-end/payer.js';
import { parseTransferCompany } from '../../core/zengin/transfer/company.js';
import { parsePaymentCompany } from '../../core/zengin/transfer/payment-company.js';
import { csvAsXlsx } from '../helpers/xlsx.js';
import { base, dir, err, errorsCsv, INVOICE_HEADER, invoices, manifest, run, usePayrollFolder } from './payroll-folder.js';

const EXAMPLES = resolve(import.meta.dirname, '../../examples');
const example = (path: string) => readFileSync(join(EXAMPLES, path), 'utf8');
const sampleIssuer = (): Record<string, unknown> => JSON.parse(example('invoices/issuer.json'));
const sampleCompany = (): Record<string, unknown> => JSON.parse(example('payroll/company.json'));

const employees = {
  id: text('employee_id', '社員番号'),
  name: text('name', '氏名'),
  salary: nonNegativeYen('monthly_salary', '基本給'),
};

usePayrollFolder();

describe('finding 12: noncharacters and unpaired surrogates pass the table readers, and the issuer and company files are not screened', () => {
  it('refuses a cell holding a noncharacter or an unpaired surrogate, naming row, column and the character, and keeps the good rows', () => {
    const csv = [
      '社員番号,氏名,基本給',
      'E1,山田\uFFFF,100',
      'E2,鈴木\uFFFE,200',
      'E3,\uFDD0佐藤,300',
      'E4,高橋\u{1FFFF},400',
      'E5,田中\u{10FFFE},500',
      'E6,伊藤\uD800,600',
      'E7,\uDC00渡辺,700',
      'E8,中村😀\u{20BB7}野家,800',
      'E9,小林\uFDCF\uFDF0\uFFFC,900',
    ].join('\n');
    const t = readTable(csv, employees, { file: 'e.csv' });
    // An emoji and 𠮷 (surrogate pairs) and the code points next to the noncharacters are text.
    expect(t.rows.map((r) => r.value.id)).toEqual(['E8', 'E9']);
    const refused = (row: number, value: string, code: string) =>
      expect.objectContaining({
        file: 'e.csv',
        row,
        column: '氏名',
        value,
        message_ja: expect.stringContaining(code),
        message_en: expect.stringContaining(code),
      });
    expect(t.problems).toEqual([
      refused(2, '山田⟨U+FFFF⟩', 'U+FFFF'),
      refused(3, '鈴木⟨U+FFFE⟩', 'U+FFFE'),
      refused(4, '⟨U+FDD0⟩佐藤', 'U+FDD0'),
      refused(5, '高橋⟨U+1FFFF⟩', 'U+1FFFF'),
      refused(6, '田中⟨U+10FFFE⟩', 'U+10FFFE'),
      refused(7, '伊藤⟨U+D800⟩', 'U+D800'),
      refused(8, '⟨U+DC00⟩渡辺', 'U+DC00'),
    ]);
    expect(t.problems[0]?.message_ja).toContain('非文字');
    expect(t.problems[5]?.message_en).toContain('unpaired surrogate');
  });

  it('keeps the message for bytes that do not decode (U+FFFD) and for control characters as they were', () => {
    const t = readTable('社員番号,氏名,基本給\nE1,山田\uFFFD,100\nE2,鈴木\u0007,200\n', employees, { file: 'e.csv' });
    expect(t.problems).toEqual([
      expect.objectContaining({ row: 2, value: '山田⟨U+FFFD⟩', message_ja: expect.stringContaining('文字コード') }),
      expect.objectContaining({ row: 3, value: '鈴木⟨U+0007⟩', message_ja: '使えない制御文字（U+0007）が含まれています' }),
    ]);
  });

  it('refuses them from an Excel workbook too (written there as _xFFFF_ and _xD800_), by sheet, row and column letter', async () => {
    const csv = example('payroll/employees.csv').replace('山田 太郎', '山田 太郎_xFFFF_').replace('佐藤 花子', '佐藤_xD800_花子');
    writeFileSync(join(dir, 'employees.xlsx'), csvAsXlsx(csv, '社員'));
    const code = await run('payroll', '--employees', 'employees.xlsx', ...base.slice(3), '--out', 'p.csv');
    expect(code).toBe(1);
    expect(err).toMatch(/employees\.xlsx シート「社員」 \d+行目 列「氏名（B列）」 値「山田 太郎⟨U\+FFFF⟩」: .*U\+FFFF/);
    // The sheet's text reaches the reader as UTF-8, where an unpaired surrogate cannot be written: it
    // arrives as U+FFFD and is refused as bytes that are not text (the panes hand over the text
    // itself, and there it is refused as U+D800: the first case).
    expect(err).toMatch(/employees\.xlsx シート「社員」 \d+行目 列「氏名（B列）」 値「佐藤⟨U\+FFFD⟩花子」: /);
    expect(existsSync(join(dir, 'p.csv'))).toBe(false);
  });

  it('lists an invoice row holding U+FFFF in errors.csv and issues the other invoices (it was issued as a PDF without its XML)', async () => {
    const csv = `${INVOICE_HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,部品\uFFFF,1,1000,10,,no\nB-1,2026-05-31,2026-06-30,C2,乙社,品目,1,1000,10,,no\n`;
    expect(await invoices(csv)).toBe(1);
    expect(errorsCsv()).toContain('2,item,部品⟨U+FFFF⟩,');
    expect(manifest().map((e) => e.invoice_no)).toEqual(['B-1']);
  });

  it('refuses the issuer JSON with a control character, an unpaired surrogate or a noncharacter in any text field, naming each field', () => {
    const issuer = sampleIssuer();
    issuer.name = '株式会社\u000bサンプル商事';
    issuer.address = '東京都千代田区\uD800千代田1-1';
    issuer.phone = '03-1234-5678\u202E';
    issuer.notes = '振込手数料は\u000c貴社にてご負担ください。';
    issuer.email = 'billing\uFFFF@sample.example.jp';
    issuer.bank = { ...(issuer.bank as object), account_holder: 'カ）サンプル\uFDD0シヨウジ' };
    const r = parseIssuer(issuer, 'issuer.json');
    expect(r.issuer).toBeUndefined();
    expect(r.problems.map((p) => [p.file, p.row, p.column, p.value])).toEqual([
      ['issuer.json', 0, 'name', '株式会社⟨U+000B⟩サンプル商事'],
      ['issuer.json', 0, 'address', '東京都千代田区⟨U+D800⟩千代田1-1'],
      ['issuer.json', 0, 'phone', '03-1234-5678⟨U+202E⟩'],
      ['issuer.json', 0, 'email', 'billing⟨U+FFFF⟩@sample.example.jp'],
      ['issuer.json', 0, 'notes', '振込手数料は⟨U+000C⟩貴社にてご負担ください。'],
      ['issuer.json', 0, 'bank.account_holder', 'カ）サンプル⟨U+FDD0⟩シヨウジ'],
    ]);
    expect(r.problems[0]?.message_ja).toContain('U+000B');
    expect(r.problems[1]?.message_en).toContain('unpaired surrogate (U+D800)');
    expect(r.problems[3]?.message_en).toContain('noncharacter');
    // The sample issuer itself is read as before.
    expect(parseIssuer(sampleIssuer(), 'issuer.json').problems).toEqual([]);
  });

  it('keeps line breaks in the issuer address and notes (a two-line address, a note of several lines), and only there', () => {
    const issuer = sampleIssuer();
    issuer.address = '〒100-0001\r\n東京都千代田区千代田1-1';
    issuer.notes = '振込手数料は貴社にてご負担ください。\nお支払期限をご確認ください。';
    const r = parseIssuer(issuer, 'issuer.json');
    expect(r.problems).toEqual([]);
    expect(r.issuer?.address).toBe('〒100-0001\r\n東京都千代田区千代田1-1');
    expect(r.issuer?.notes).toBe('振込手数料は貴社にてご負担ください。\nお支払期限をご確認ください。');
    issuer.name = '株式会社\nサンプル商事';
    expect(parseIssuer(issuer, 'issuer.json').problems.map((p) => [p.column, p.value])).toEqual([['name', '株式会社⟨U+000A⟩サンプル商事']]);
  });

  it('urakata invoices with U+000B in the issuer’s name: the file and field are named and nothing is written', async () => {
    const issuer = sampleIssuer();
    issuer.name = '株式会社\u000bサンプル商事';
    writeFileSync(join(dir, 'bad-issuer.json'), JSON.stringify(issuer));
    writeFileSync(join(dir, 'lines.csv'), `${INVOICE_HEADER}\nA-1,2026-05-31,2026-06-30,C1,甲社,品目,1,1000,10,,no\n`);
    const code = await run('invoices', '--in', 'lines.csv', '--issuer', 'bad-issuer.json', '--out', 'out', '--jobs', '1', '--pint');
    expect(code).toBe(1);
    expect(err).toContain('bad-issuer.json 列「name」 値「株式会社⟨U+000B⟩サンプル商事」');
    expect(err).toContain('U+000B');
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('refuses the payroll company JSON with such a character in the name printed on payslips or a 全銀 field, naming the field', () => {
    const company = sampleCompany();
    company.name = '株式会社ウラカタ\uFFFF';
    company.bank_name = 'ミズ\u000bホ';
    company.branch_name = 'トウキヨウ\uDFFF';
    const r = parseTransferCompany(company, 'company.json');
    expect(r.company).toBeUndefined();
    expect(r.problems.map((p) => [p.column, p.value])).toEqual([
      ['bank_name', 'ミズ⟨U+000B⟩ホ'],
      ['branch_name', 'トウキヨウ⟨U+DFFF⟩'],
      ['name', '株式会社ウラカタ⟨U+FFFF⟩'],
    ]);
    expect(r.problems.map((p) => p.message_en)).toEqual([
      expect.stringContaining('U+000B'),
      expect.stringContaining('U+DFFF'),
      expect.stringContaining('U+FFFF'),
    ]);
    // A tab in the name was dropped silently before; it is refused like the rest.
    expect(parseTransferCompany({ ...sampleCompany(), name: '株式会社\tウラカタ' }, 'company.json').problems).toEqual([
      expect.objectContaining({ column: 'name', value: '株式会社⟨U+0009⟩ウラカタ' }),
    ]);
    expect(parseTransferCompany(sampleCompany(), 'company.json').problems).toEqual([]);
  });

  it('refuses the payments company JSON with such a character in a debit account, naming the account', () => {
    const main = { id: 'main', bank_code: '0001', bank_name: 'ミズホ', branch_code: '001', branch_name: 'トウキヨウ' };
    const sub = { ...main, id: 'sub', bank_code: '0005', bank_name: 'ミツビシ\uFFFE', account_type: '普通', account_number: '2222222' };
    const company = { ...sampleCompany(), debit_accounts: [main, sub] };
    const r = parsePaymentCompany(company, 'company.json');
    expect(r.company).toBeUndefined();
    expect(r.problems).toEqual([
      expect.objectContaining({ file: 'company.json', column: 'debit_accounts[1].bank_name', value: 'ミツビシ⟨U+FFFE⟩' }),
    ]);
  });

  it('urakata payroll --zengin with an unpaired surrogate in the company name: named, and nothing written', async () => {
    const company = sampleCompany();
    company.name = '株式会社\uD83Dウラカタ';
    writeFileSync(join(dir, 'company.json'), JSON.stringify(company));
    const code = await run(...base, '--out', 'p.csv', '--zengin', 'z.txt', '--company', 'company.json');
    expect(code).toBe(1);
    expect(err).toContain('company.json 列「name」 値「株式会社⟨U+D83D⟩ウラカタ」');
    expect(existsSync(join(dir, 'p.csv'))).toBe(false);
    expect(existsSync(join(dir, 'z.txt'))).toBe(false);
  });

  it('refuses the 支払者 JSON of nencho with a noncharacter or an unpaired surrogate, as it refused control characters', () => {
    const r = parsePayer({ name: '株式会社ウラカタ\uFFFF', address: '東京都\uDBFF千代田区' }, 'payer.json');
    expect(r.payer).toBeUndefined();
    expect(r.problems.map((p) => [p.column, p.value])).toEqual([
      ['name', '株式会社ウラカタ⟨U+FFFF⟩'],
      ['address', '東京都⟨U+DBFF⟩千代田区'],
    ]);
  });

  it('shows a long value cut at 80 characters by code point, never half of a character', () => {
    const value = `${'山'.repeat(79)}𠮷\uFFFF田`;
    const r = readTable(`item\n${value}\n`, { item: text('item', '品目') }, { file: 'f.csv' });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]?.value).toBe(`${'山'.repeat(79)}𠮷…`);
  });
});
