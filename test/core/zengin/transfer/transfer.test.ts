import { describe, expect, it } from 'vitest';
import { decodeCp932 } from '../../../../core/csv/encoding.js';
import {
  parseTransferCompany,
  RECORD_LENGTH,
  salaryTransferFile,
  type TransferCompany,
  toZenginKana,
} from '../../../../core/zengin/transfer/index.js';

const company: TransferCompany = {
  companyCode: '123456789',
  companyName: 'ｶ)ｳﾗｶﾀ',
  bankCode: '1',
  bankName: 'ﾐｽﾞﾎ',
  branchCode: '1',
  branchName: 'ﾄｳｷﾖｳ',
  accountType: 2,
  accountNumber: '1111111',
};

const lines = [
  {
    bankCode: '0005',
    branchCode: '123',
    accountType: 1,
    accountNumber: '7654321',
    holder: 'ﾔﾏﾀﾞ ﾀﾛｳ',
    amount: 364_726,
    employeeCode: '1001',
  },
  { bankCode: '0009', branchCode: '456', accountType: 1, accountNumber: '345', holder: 'ｻﾄｳ ﾊﾅｺ', amount: 250_000, employeeCode: 'E-7' },
  { bankCode: '0009', branchCode: '456', accountType: 1, accountNumber: '999', holder: 'ｾﾞﾛ', amount: 0, employeeCode: '3' },
];

/** The file split into records (bytes), checking every record is 120 bytes + CRLF. */
function records(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += RECORD_LENGTH + 2) {
    expect(bytes[i + RECORD_LENGTH]).toBe(0x0d);
    expect(bytes[i + RECORD_LENGTH + 1]).toBe(0x0a);
    out.push(bytes.slice(i, i + RECORD_LENGTH));
  }
  return out;
}

/** Bytes `from`–`to` (1-based, inclusive, as the format tables print them) decoded from Shift_JIS. */
const field = (r: Uint8Array | undefined, from: number, to: number) => decodeCp932((r ?? new Uint8Array()).slice(from - 1, to));

describe('全銀 給与振込 file (種別コード 11)', () => {
  const file = salaryTransferFile(company, '2026-05-25', lines);
  const [header, d1, d2, trailer, end, extra] = records(file);

  it('has header, one data record per non-zero amount, trailer and end — 120 bytes each with CRLF', () => {
    expect(file.length).toBe(5 * 122);
    expect(extra).toBeUndefined();
  });

  it('header fields at their byte positions', () => {
    expect(field(header, 1, 1)).toBe('1');
    expect(field(header, 2, 3)).toBe('11');
    expect(field(header, 4, 4)).toBe('0');
    expect(field(header, 5, 14)).toBe('0123456789');
    expect(field(header, 15, 54)).toBe('ｶ)ｳﾗｶﾀ'.padEnd(40, ' '));
    expect(field(header, 55, 58)).toBe('0525');
    expect(field(header, 59, 62)).toBe('0001');
    expect(field(header, 63, 77)).toBe('ﾐｽﾞﾎ'.padEnd(15, ' '));
    expect(field(header, 78, 80)).toBe('001');
    expect(field(header, 81, 95)).toBe('ﾄｳｷﾖｳ'.padEnd(15, ' '));
    expect(field(header, 96, 96)).toBe('2');
    expect(field(header, 97, 103)).toBe('1111111');
    expect(field(header, 104, 120)).toBe(' '.repeat(17));
  });

  it('data record equals a hand-built record, field by field', () => {
    const expected =
      '2' + // 1 データ区分
      '0005' + // 2–5 被仕向銀行番号
      ' '.repeat(15) + // 6–20 銀行名 (optional)
      '123' + // 21–23 支店番号
      ' '.repeat(15) + // 24–38 支店名
      '    ' + // 39–42 手形交換所番号 (unused)
      '1' + // 43 預金種目 普通
      '7654321' + // 44–50 口座番号
      'ﾔﾏﾀﾞ ﾀﾛｳ'.padEnd(30, ' ') + // 51–80 預金者名
      '0000364726' + // 81–90 振込金額
      '0' + // 91 新規コード
      '0000001001' + // 92–101 社員番号
      ' '.repeat(10) + // 102–111 所属コード
      ' '.repeat(9); // 112–120 ダミー
    expect(field(d1, 1, 120)).toBe(expected);
    expect(field(d1, 81, 90)).toBe('0000364726');
    expect(field(d1, 51, 80).trimEnd()).toBe('ﾔﾏﾀﾞ ﾀﾛｳ');
  });

  it('zero-pads a short account number and leaves a non-numeric 社員番号 blank', () => {
    expect(field(d2, 44, 50)).toBe('0000345');
    expect(field(d2, 92, 101)).toBe(' '.repeat(10));
  });

  it('trailer totals count and amount of the data records (the zero line is left out)', () => {
    expect(field(trailer, 1, 1)).toBe('8');
    expect(field(trailer, 2, 7)).toBe('000002');
    expect(field(trailer, 8, 19)).toBe('000000614726');
    expect(field(trailer, 20, 120)).toBe(' '.repeat(101));
    expect(field(end, 1, 120)).toBe(`9${' '.repeat(119)}`);
  });

  it('賞与振込 uses 種別コード 12', () => {
    expect(field(records(salaryTransferFile(company, '2026-07-10', lines, 'bonus'))[0], 2, 3)).toBe('12');
  });

  it('writes half-width kana as single Shift_JIS bytes', () => {
    // ﾔ = 0xD4 in JIS X 0201
    expect(d1?.[50]).toBe(0xd4);
  });
});

describe('names in the 全銀 half-width set', () => {
  it.each([
    ['ヤマダ タロウ', 'ﾔﾏﾀﾞ ﾀﾛｳ'],
    ['やまだ　はなこ', 'ﾔﾏﾀﾞ ﾊﾅｺ'],
    ['キャッシュ・ジョウ', 'ｷﾔﾂｼﾕ ｼﾞﾖｳ'],
    ['ｷｬｯｼｭ', 'ｷﾔﾂｼﾕ'],
    ['パーカー', 'ﾊﾟ-ｶ-'],
    ['ヴィンセント', 'ｳﾞｲﾝｾﾝﾄ'],
    ['Smith John', 'SMITH JOHN'],
    ['ＡＢＣ１２３', 'ABC123'],
    ['株式会社ウラカタ', 'ｶ)ｳﾗｶﾀ'],
    ['ウラカタ株式会社', 'ｳﾗｶﾀ(ｶ'],
    ['ウラカタ株式会社トウキョウシテン', 'ｳﾗｶﾀ(ｶ)ﾄｳｷﾖｳｼﾃﾝ'],
    ['医療法人サクラカイ', 'ｲ)ｻｸﾗｶｲ'],
    // 法人格 spelled out in kana, as a payee's 口座名義 is typed: the whole form is the abbreviation.
    ['イッパンシャダンホウジンサクラ', 'ｼﾔ)ｻｸﾗ'],
    ['コウエキザイダンホウジンサクラ', 'ｻﾞｲ)ｻｸﾗ'],
    ['イリョウホウジンシャダンサクラカイ', 'ｲ)ｻｸﾗｶｲ'],
    ['イリョウホウジンザイダンサクラカイ', 'ｲ)ｻｸﾗｶｲ'],
    ['シャカイイリョウホウジンサクラ', 'ｲ)ｻｸﾗ'],
    ['サクラ イッパンシャダンホウジン', 'ｻｸﾗ(ｼﾔ'],
  ])('%s → %s', (input, output) => {
    expect(toZenginKana(input)).toEqual({ ok: true, value: output });
  });
  it('refuses kanji rather than dropping it', () => {
    expect(toZenginKana('山田 タロウ')).toEqual({ ok: false, char: '山' });
  });
});

describe('--company JSON', () => {
  it('converts names to half-width kana and accepts 当座', () => {
    const r = parseTransferCompany(
      {
        company_code: '1234567890',
        company_name: '株式会社ウラカタ',
        bank_code: '0001',
        bank_name: 'ミズホ',
        branch_code: '001',
        branch_name: 'トウキョウ',
        account_type: '当座',
        account_number: '1111111',
      },
      'company.json',
    );
    expect(r.problems).toEqual([]);
    expect(r.company).toMatchObject({ companyName: 'ｶ)ｳﾗｶﾀ', bankName: 'ﾐｽﾞﾎ', branchName: 'ﾄｳｷﾖｳ', accountType: 2 });
  });
  it('cuts the name payslips print at 80 characters, never inside a character of two UTF-16 units', () => {
    const base = {
      company_code: '1234567890',
      company_name: 'ｶ)ｳﾗｶﾀ',
      bank_code: '0001',
      bank_name: 'ﾐｽﾞﾎ',
      branch_code: '001',
      branch_name: 'ﾄｳｷﾖｳ',
      account_type: '普通',
      account_number: '1111111',
    };
    // 79 kanji, then 𠮷 (U+20BB7, two UTF-16 units): a cut at 80 units would keep half of it.
    const name = `${'山'.repeat(79)}𠮷田`;
    const r = parseTransferCompany({ ...base, name }, 'company.json');
    expect(r.problems).toEqual([]);
    expect(r.company?.displayName).toBe(`${'山'.repeat(79)}𠮷`);
    expect([...(r.company?.displayName ?? '')]).toHaveLength(80);
    expect(parseTransferCompany({ ...base, name: '株式会社ウラカタ' }, 'company.json').company?.displayName).toBe('株式会社ウラカタ');
  });
  it('reports every bad or missing key at once', () => {
    const r = parseTransferCompany(
      { company_code: 'ABC', company_name: '裏方', bank_code: '1', branch_code: '001', account_type: '3', account_number: '1' },
      'company.json',
    );
    expect(r.company).toBeUndefined();
    expect(r.problems.map((p) => p.column).sort()).toEqual(['account_type', 'bank_name', 'branch_name', 'company_code', 'company_name']);
    expect(r.problems.every((p) => p.file === 'company.json')).toBe(true);
  });
});
