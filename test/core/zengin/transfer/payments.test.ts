import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  accountFilePath,
  DEFAULT_TRANSFER_FEE_TABLES,
  defaultTransferFeeTable,
  generalTransferFile,
  type PaymentCompany,
  type PaymentTransferLine,
  parsePaymentCompany,
  parseTransferFeeBands,
  paymentFiles,
  paymentListRows,
  planPayments,
  RECORD_LENGTH,
  type TransferCompany,
  transferDestination,
  transferFee,
} from '../../../../core/zengin/transfer/index.js';

const company: TransferCompany = {
  companyCode: '1234567890',
  companyName: 'ｶ)ｳﾗｶﾀ',
  bankCode: '0001',
  bankName: 'ﾐｽﾞﾎ',
  branchCode: '001',
  branchName: 'ﾄｳｷﾖｳ',
  accountType: 2,
  accountNumber: '1111111',
};
const setup: PaymentCompany = { accounts: [{ id: '', company }], referenceField: 'edi' };

/** The file split into 120-byte records, checking each is followed by CRLF. */
function records(bytes: Uint8Array): Uint8Array[] {
  expect(bytes.length % (RECORD_LENGTH + 2)).toBe(0);
  const out: Uint8Array[] = [];
  for (let i = 0; i < bytes.length; i += RECORD_LENGTH + 2) {
    expect([bytes[i + RECORD_LENGTH], bytes[i + RECORD_LENGTH + 1]]).toEqual([0x0d, 0x0a]);
    out.push(bytes.slice(i, i + RECORD_LENGTH));
  }
  return out;
}

const sjis = new TextDecoder('shift_jis', { fatal: true });
/** Bytes `from`–`to` (1-based, inclusive, as the format tables print them) decoded from Shift_JIS. */
const field = (r: Uint8Array | undefined, from: number, to: number) => sjis.decode((r ?? new Uint8Array()).slice(from - 1, to));

const edi: PaymentTransferLine = {
  bankCode: '0005',
  branchCode: '123',
  accountType: 1,
  accountNumber: '1234567',
  holder: 'ｶ)ﾔﾏﾀﾞｼﾖｳﾃﾝ',
  amount: 110_000,
  edi: 'INV-2026-0601',
};
const codes: PaymentTransferLine = {
  bankCode: '0009',
  branchCode: '456',
  accountType: 4,
  accountNumber: '345',
  holder: 'ﾕ)ｻﾄｳｺｳｷﾞﾖｳ',
  amount: 54_450,
  customerCode1: '4711',
  customerCode2: '2',
};
const plain: PaymentTransferLine = { ...codes, customerCode1: undefined, customerCode2: undefined, amount: 1 };

describe('全銀 総合振込 file (種別コード 21)', () => {
  const [header, d1, d2, d3, trailer, end, extra] = records(generalTransferFile(company, '2026-06-30', [edi, codes, plain]));

  it('is header, one data record per payment, trailer and end', () => {
    expect([header, d1, d2, d3, trailer, end].every((r) => r?.length === RECORD_LENGTH)).toBe(true);
    expect(extra).toBeUndefined();
  });

  it('header equals a hand-built record, field by field', () => {
    const expected =
      '1' + // 1 データ区分
      '21' + // 2–3 種別コード 総合振込
      '0' + // 4 コード区分 JIS
      '1234567890' + // 5–14 振込依頼人コード
      'ｶ)ｳﾗｶﾀ'.padEnd(40, ' ') + // 15–54 振込依頼人名
      '0630' + // 55–58 振込指定日 MMDD
      '0001' + // 59–62 仕向銀行番号
      'ﾐｽﾞﾎ'.padEnd(15, ' ') + // 63–77 仕向銀行名
      '001' + // 78–80 仕向支店番号
      'ﾄｳｷﾖｳ'.padEnd(15, ' ') + // 81–95 仕向支店名
      '2' + // 96 預金種目 当座
      '1111111' + // 97–103 口座番号
      ' '.repeat(17); // 104–120 ダミー
    expect(field(header, 1, 120)).toBe(expected);
    expect(field(header, 2, 3)).toBe('21');
    expect(field(header, 55, 58)).toBe('0630');
    expect(field(header, 97, 103)).toBe('1111111');
  });

  it('data record with EDI情報 equals a hand-built record: 識別表示 Y at byte 113', () => {
    const expected =
      '2' + // 1 データ区分
      '0005' + // 2–5 被仕向銀行番号
      ' '.repeat(15) + // 6–20 被仕向銀行名 (banks route by code)
      '123' + // 21–23 被仕向支店番号
      ' '.repeat(15) + // 24–38 被仕向支店名
      ' '.repeat(4) + // 39–42 手形交換所番号
      '1' + // 43 預金種目 普通
      '1234567' + // 44–50 口座番号
      'ｶ)ﾔﾏﾀﾞｼﾖｳﾃﾝ'.padEnd(30, ' ') + // 51–80 受取人名
      '0000110000' + // 81–90 振込金額
      '0' + // 91 新規コード
      'INV-2026-0601'.padEnd(20, ' ') + // 92–111 EDI情報
      '7' + // 112 振込指定区分 テレ振込
      'Y' + // 113 識別表示
      ' '.repeat(7); // 114–120 ダミー
    expect(field(d1, 1, 120)).toBe(expected);
    expect(field(d1, 92, 111)).toBe('INV-2026-0601       ');
    expect(field(d1, 113, 113)).toBe('Y');
  });

  it('data record with 顧客コード1 and 2: zero-filled, 識別表示 blank', () => {
    expect(field(d2, 43, 43)).toBe('4'); // 貯蓄
    expect(field(d2, 44, 50)).toBe('0000345');
    expect(field(d2, 81, 90)).toBe('0000054450');
    expect(field(d2, 92, 101)).toBe('0000004711');
    expect(field(d2, 102, 111)).toBe('0000000002');
    expect(field(d2, 112, 120)).toBe(`7${' '.repeat(8)}`);
  });

  it('data record without reference: bytes 92–111 are spaces', () => {
    expect(field(d3, 81, 91)).toBe('00000000010');
    expect(field(d3, 92, 120)).toBe(`${' '.repeat(20)}7${' '.repeat(8)}`);
  });

  it('trailer holds 件数 and 金額 of the data records; end is 9 and spaces', () => {
    expect(field(trailer, 1, 120)).toBe(`8000003000000164451${' '.repeat(101)}`);
    expect(field(end, 1, 120)).toBe(`9${' '.repeat(119)}`);
  });

  it('writes half-width kana as single JIS X 0201 bytes', () => {
    expect([d1?.[50], d1?.[51], d1?.[52]]).toEqual([0xb6, 0x29, 0xd4]); // ｶ ) ﾔ at bytes 51–53
  });

  it('refuses what the record cannot hold', () => {
    expect(() => generalTransferFile(company, '2026-06-30', [{ ...edi, amount: 0 }])).toThrow(RangeError);
    expect(() => generalTransferFile(company, '2026-06-30', [{ ...edi, edi: 'A'.repeat(21) }])).toThrow(RangeError);
    expect(() => generalTransferFile(company, '2026-06-30', [{ ...edi, customerCode1: '1' }])).toThrow(RangeError);
    expect(() => generalTransferFile(company, '2026-06-30', [{ ...edi, accountNumber: '12345678' }])).toThrow(RangeError);
  });
});

describe('振込手数料 and the 先方負担 deduction', () => {
  const bands = DEFAULT_TRANSFER_FEE_TABLES[0]?.bands ?? [];

  it('destination: same branch, another branch of the bank, another bank', () => {
    const from = { bankCode: '0001', branchCode: '001' };
    expect(transferDestination(from, { bankCode: '0001', branchCode: '001' })).toBe('sameBranch');
    expect(transferDestination(from, { bankCode: '0001', branchCode: '002' })).toBe('sameBank');
    expect(transferDestination(from, { bankCode: '0005', branchCode: '001' })).toBe('otherBank');
  });

  it('the default table by band: under 30,000 yen and from 30,000 yen', () => {
    expect(transferFee(bands, 'otherBank', 29_999)).toBe(380);
    expect(transferFee(bands, 'otherBank', 30_000)).toBe(550);
    expect(transferFee(bands, 'sameBank', 29_999)).toBe(110);
    expect(transferFee(bands, 'sameBank', 30_000)).toBe(330);
    expect(transferFee(bands, 'sameBranch', 1_000_000)).toBe(0);
  });

  it('refuses a date before the default table, naming the first date it covers', () => {
    expect(defaultTransferFeeTable('2021-10-01').bands).toBe(bands);
    expect(() => defaultTransferFeeTable('2021-09-30')).toThrow(/2021-10-01/);
  });

  it('reads a company fee table and refuses a malformed one', () => {
    const own = [
      { from: 0, same_branch: 0, same_bank: 0, other_bank: 165 },
      { from: 50_000, same_branch: 0, same_bank: 110, other_bank: 330 },
    ];
    expect(parseTransferFeeBands(own)).toEqual({
      bands: [
        { from: 0, sameBranch: 0, sameBank: 0, otherBank: 165 },
        { from: 50_000, sameBranch: 0, sameBank: 110, otherBank: 330 },
      ],
    });
    expect(parseTransferFeeBands([])).toHaveProperty('message_en');
    expect(parseTransferFeeBands([{ from: 1, same_branch: 0, same_bank: 0, other_bank: 1.5 }])).toHaveProperty('message_en');
    expect(parseTransferFeeBands([{ ...own[1] }, { ...own[0] }])).toHaveProperty('message_en');
  });
});

const HEADER = 'vendor_id,vendor_name,bank_code,branch_code,account_type,account_number,account_holder,amount,fee_burden,reference';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const plan = (data: string, date = '2026-06-30', s: PaymentCompany = setup) => planPayments({ data, file: 'payables.csv' }, s, date);

describe('planPayments', () => {
  it('pays each row: 当方負担 transfers the amount, 先方負担 the amount less the fee of the table', () => {
    const p = plan(
      csv(
        'V1,山田商店,0005,123,普通,1234567,ヤマダショウテン,110000,当方,INV-1',
        'V2,佐藤工業,0009,456,当座,7654321,サトウコウギョウ,55000,先方,',
        'V3,鈴木,0001,001,普通,2345678,スズキ タロウ,28600,先方,',
        'V4,ミナト,0001,002,普通,3456789,ミナト,29999,先方負担,',
      ),
    );
    expect(p.problems).toEqual([]);
    expect(p.payments.map((x) => [x.row, x.destination, x.bankFee, x.feeDeducted, x.transferred])).toEqual([
      [2, 'otherBank', 550, 0, 110_000],
      [3, 'otherBank', 550, 550, 54_450],
      [4, 'sameBranch', 0, 0, 28_600],
      [5, 'sameBank', 110, 110, 29_889],
    ]);
    expect(p.payments[0]?.line).toMatchObject({ holder: 'ﾔﾏﾀﾞｼﾖｳﾃﾝ', edi: 'INV-1', amount: 110_000 });
  });

  it('a company fee table replaces the default', () => {
    const own = { ...setup, fees: [{ from: 1, sameBranch: 0, sameBank: 0, otherBank: 165 }] };
    const p = plan(csv('V2,佐藤工業,0009,456,当座,7654321,サトウコウギョウ,55000,先方,'), '2026-06-30', own);
    expect(p.payments[0]?.transferred).toBe(54_835);
  });

  it('refuses a bad account with row and column: kanji holder, 8-digit account number, unknown account type', () => {
    const p = plan(
      csv(
        'V1,山田商店,0005,123,普通,1234567,山田商店,110000,当方,',
        'V2,佐藤工業,0009,456,当座,12345678,サトウコウギョウ,55000,先方,',
        'V3,鈴木,0001,001,定期,2345678,スズキ,28600,先方,',
        'V4,良い行,0001,001,普通,2345678,ヨイ,1000,当方,',
      ),
    );
    expect(p.refused.map((r) => [r.row, r.column, r.value])).toEqual([
      [2, 'account_holder', '山田商店'],
      [3, 'account_number', '12345678'],
      [4, 'account_type', '定期'],
    ]);
    expect(p.refused[0]?.message_ja).toContain('「山」は全銀の半角カナにできません');
    expect(p.payments.map((x) => x.row)).toEqual([5]);
  });

  it('refuses a 先方負担 payment the fee would swallow, a reference that does not fit, a zero amount', () => {
    const p = plan(
      csv(
        'V1,小口,0005,123,普通,1234567,コグチ,380,先方,',
        'V2,長い,0005,123,普通,1234567,ナガイ,1000,当方,INVOICE-NUMBER-1234567',
        'V3,漢字,0005,123,普通,1234567,カンジ,1000,当方,請求書1',
        'V4,ゼロ,0005,123,普通,1234567,ゼロ,0,当方,',
      ),
    );
    expect(p.refused.map((r) => [r.row, r.column])).toEqual([
      [2, 'amount'],
      [3, 'reference'],
      [4, 'reference'],
      [5, 'amount'],
    ]);
    expect(p.payments).toEqual([]);
  });

  it('names the columns as the file wrote them (Japanese headers)', () => {
    const p = plan(
      '取引先コード,取引先名,銀行コード,支店コード,預金種目,口座番号,口座名義カナ,支払金額,手数料負担\nV1,山田,0005,123,普通,1234567,山田,1000,当方',
    );
    expect(p.refused.map((r) => r.column)).toEqual(['口座名義カナ']);
  });

  it('warns of a column it does not know (a misspelt fee_burden would pay 当方)', () => {
    const p = plan(csv('V1,山田,0005,123,普通,1234567,ヤマダ,50000,先方,').replace('fee_burden', 'fee_burdn'));
    expect(p.problems.map((x) => [x.row, x.column, x.severity])).toEqual([[1, 'fee_burdn', 'warning']]);
    expect(p.payments[0]?.feeBurden).toBe('payer');
  });

  it('customer_code puts up to 10 digits in 顧客コード1', () => {
    const s = { ...setup, referenceField: 'customer_code' as const };
    const p = plan(
      csv('V1,山田,0005,123,普通,1234567,ヤマダ,1000,当方,4711', 'V2,佐藤,0005,123,普通,1234567,サトウ,1000,当方,A-1'),
      '2026-06-30',
      s,
    );
    expect(p.payments[0]?.line).toMatchObject({ customerCode1: '4711' });
    expect(p.refused.map((r) => [r.row, r.column])).toEqual([[3, 'reference']]);
  });

  it('refuses a transfer date that is not a bank business day, or outside the holiday tables', () => {
    expect(plan(csv(), '2026-07-20').problems.map((p) => [p.column, p.value])).toEqual([['date', '2026-07-20']]); // 海の日
    expect(plan(csv(), '2026-06-27').problems).toHaveLength(1); // Saturday
    expect(plan(csv(), '2099-06-30').problems[0]?.message_en).toContain('public holidays are known');
  });

  it('warns of the same payment twice, and pays both', () => {
    const row = 'V1,山田,0005,123,普通,1234567,ヤマダ,1000,当方,INV-1';
    const p = plan(csv(row, row));
    expect(p.payments).toHaveLength(2);
    expect(p.problems.map((x) => [x.row, x.severity])).toEqual([[3, 'warning']]);
  });

  it('several debit accounts: each row pays from the one it names (the first when none), the fee seen from it', () => {
    const sub: TransferCompany = { ...company, bankCode: '0005', branchCode: '123', accountNumber: '2222222' };
    const two: PaymentCompany = {
      ...setup,
      accounts: [
        { id: 'main', company },
        { id: 'sub', company: sub },
      ],
    };
    const data = [
      `${HEADER},debit_account`,
      'V1,山田,0005,123,普通,1234567,ヤマダ,50000,先方,,sub',
      'V2,佐藤,0005,123,普通,7654321,サトウ,50000,先方,,',
      'V3,鈴木,0005,123,普通,2345678,スズキ,50000,先方,,other',
    ].join('\n');
    const p = plan(data, '2026-06-30', two);
    expect(p.payments.map((x) => [x.row, x.account, x.destination, x.transferred])).toEqual([
      [2, 'sub', 'sameBranch', 50_000],
      [3, 'main', 'otherBank', 49_450],
    ]);
    expect(p.refused.map((r) => [r.row, r.column, r.value])).toEqual([[4, 'debit_account', 'other']]);
    const files = paymentFiles(p, two, '2026-06-30');
    expect(files.map((f) => [f.account, f.count, f.total])).toEqual([
      ['main', 1, 49_450],
      ['sub', 1, 50_000],
    ]);
    expect(field(records(files[1]?.data ?? new Uint8Array())[0], 59, 62)).toBe('0005');
    expect(accountFilePath('out/sogo.txt', 'sub')).toBe('out/sogo-sub.txt');
    expect(accountFilePath('out/sogo.txt', '')).toBe('out/sogo.txt');
  });

  it('a debit_account cell with a company of one account is refused', () => {
    const p = plan([`${HEADER},debit_account`, 'V1,山田,0005,123,普通,1234567,ヤマダ,1000,当方,,main'].join('\n'));
    expect(p.refused.map((r) => r.column)).toEqual(['debit_account']);
  });

  it('the payment list has paid and refused rows in file order, injection-safe when written', () => {
    const p = plan(csv('V1,=HYPERLINK("x"),0005,123,普通,1234567,山田,1000,当方,', 'V2,佐藤,0009,456,当座,7654321,サトウ,55000,先方,'));
    const rows = paymentListRows(p);
    expect(rows[0]?.slice(0, 3)).toEqual(['status', 'row', 'vendor_id']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[17]])).toEqual([
      ['refused', 2, 'account_holder'],
      ['paid', 3, ''],
    ]);
    expect(rows[2]?.slice(10, 15)).toEqual([55_000, '先方', 550, 550, 54_450]);
  });
});

describe('--company JSON of a 総合振込', () => {
  const json = {
    company_code: '1234567890',
    company_name: '株式会社ウラカタ',
    bank_code: '0001',
    bank_name: 'ミズホ',
    branch_code: '001',
    branch_name: 'トウキヨウ',
    account_type: '当座',
    account_number: '1111111',
  };

  it('reads the 給与振込 keys, a fee table and the reference field', () => {
    const r = parsePaymentCompany(
      { ...json, transfer_fees: [{ from: 1, same_branch: 0, same_bank: 0, other_bank: 165 }], reference_field: 'customer_code' },
      'company.json',
    );
    expect(r.problems).toEqual([]);
    expect(r.company?.accounts.map((a) => [a.id, a.company.companyName])).toEqual([['', 'ｶ)ｳﾗｶﾀ']]);
    expect(r.company?.fees).toEqual([{ from: 1, sameBranch: 0, sameBank: 0, otherBank: 165 }]);
    expect(r.company?.referenceField).toBe('customer_code');
  });

  it('reads several debit accounts, each taking the top-level keys it does not give', () => {
    const r = parsePaymentCompany(
      {
        ...json,
        debit_accounts: [
          { id: 'main', bank_code: '0001', branch_code: '001', account_number: '1111111' },
          {
            id: 'sub',
            bank_code: '0005',
            bank_name: 'ミツビシユ-エフジエイ',
            branch_code: '123',
            account_type: '普通',
            account_number: '2222222',
            company_code: '9999999999',
          },
        ],
      },
      'company.json',
    );
    expect(r.problems).toEqual([]);
    expect(
      r.company?.accounts.map((a) => [a.id, a.company.companyCode, a.company.bankCode, a.company.accountType, a.company.accountNumber]),
    ).toEqual([
      ['main', '1234567890', '0001', 2, '1111111'],
      ['sub', '9999999999', '0005', 1, '2222222'],
    ]);
  });

  it('refuses a bad account list, fee table and reference field, all at once', () => {
    const r = parsePaymentCompany(
      {
        ...json,
        debit_accounts: [{ id: 'a/b' }, { id: 'x', account_number: '12345678' }, { id: 'x' }],
        transfer_fees: 'cheap',
        reference_field: 'memo',
      },
      'company.json',
    );
    expect(r.company).toBeUndefined();
    expect(r.problems.map((p) => p.column)).toEqual([
      'debit_accounts[0].id',
      'debit_accounts[1].account_number',
      'debit_accounts[2].id',
      'transfer_fees',
      'reference_field',
    ]);
    expect(parsePaymentCompany({ ...json, debit_accounts: [] }, 'company.json').problems.map((p) => p.column)).toEqual(['debit_accounts']);
  });
});

describe('property: any set of payments makes a well-formed 総合振込 file', () => {
  const kana = fc.constantFrom('ｱ', 'ｶﾞ', 'ﾊﾟ', 'ﾝ', ' ', '(', ')', '.', '-', '/', 'A', 'Z', '0', '9');
  const line = fc.record({
    bankCode: fc.integer({ min: 0, max: 9999 }).map(String),
    branchCode: fc.integer({ min: 0, max: 999 }).map(String),
    accountType: fc.constantFrom(1, 2, 4, 9),
    accountNumber: fc.integer({ min: 0, max: 9_999_999 }).map(String),
    holder: fc.array(kana, { minLength: 1, maxLength: 20 }).map((a) => a.join('').slice(0, 30)),
    amount: fc.integer({ min: 1, max: 9_999_999_999 }),
    edi: fc.option(
      fc.array(kana, { maxLength: 10 }).map((a) => a.join('').slice(0, 20)),
      { nil: undefined },
    ),
  });

  it('every record is 120 bytes + CRLF, the file decodes as Shift_JIS, the trailer totals the data records', () => {
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 40 }), (lines) => {
        const bytes = generalTransferFile(company, '2026-06-30', lines);
        const rs = records(bytes);
        expect(() => sjis.decode(bytes)).not.toThrow();
        const data = rs.filter((r) => field(r, 1, 1) === '2');
        const trailer = rs[rs.length - 2];
        expect(rs.map((r) => field(r, 1, 1)).join('')).toBe(`1${'2'.repeat(lines.length)}89`);
        expect(Number(field(trailer, 2, 7))).toBe(data.length);
        expect(Number(field(trailer, 8, 19))).toBe(data.reduce((s, r) => s + Number(field(r, 81, 90)), 0));
        expect(Number(field(trailer, 8, 19))).toBe(lines.reduce((s, l) => s + l.amount, 0));
      }),
      { numRuns: 200 },
    );
  });

  it('planned payments: transferred + deducted = amount, and the file totals the transfers', () => {
    const row = fc.record({
      bank: fc.constantFrom('0001', '0005'),
      branch: fc.constantFrom('001', '002'),
      amount: fc.integer({ min: 1_000, max: 10_000_000 }),
      burden: fc.constantFrom('当方', '先方'),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), (rows) => {
        const p = plan(
          csv(...rows.map((r, i) => `V${i},仕入先,${r.bank},${r.branch},普通,1234567,シイレサキ,${r.amount},${r.burden},R${i}`)),
        );
        expect(p.refused).toEqual([]);
        for (const x of p.payments) expect(x.transferred + x.feeDeducted).toBe(x.amount);
        const rs = records(
          generalTransferFile(
            company,
            '2026-06-30',
            p.payments.map((x) => x.line),
          ),
        );
        expect(Number(field(rs[rs.length - 2], 8, 19))).toBe(p.payments.reduce((s, x) => s + x.transferred, 0));
      }),
      { numRuns: 50 },
    );
  });
});
