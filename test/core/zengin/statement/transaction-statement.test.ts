import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FieldReader, orNone, readTransactionStatement, splitRecords, warekiYymmdd } from '../../../../core/zengin/statement/index.js';
import { file03, file03Accounts, join, num, record } from './build-record.js';

/** The day the files are read on (the caller's today): their 令和8年 dates are this year's. */
const AT = { today: '2026-06-20' };

const lines = [
  {
    inquiry: '00000001',
    date: '080602',
    io: 1 as const,
    kind: '11',
    amount: 108_900,
    payer: 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ',
    payerCode: '1234567890',
    bank: 'ﾐｽﾞﾎ',
    branch: 'ﾁﾊﾞ',
    memo: 'ﾌﾘｺﾐ',
    edi: 'INV-2026-0001',
  },
  { inquiry: '00000002', date: '080603', io: 2 as const, kind: '13', amount: 55_000, cheque: '0001234' },
  { inquiry: '00000003', date: '080605', io: 1 as const, kind: '10', amount: 3_000 },
];

describe('readTransactionStatement (全銀 入出金取引明細, 種別03)', () => {
  it('reads every header field at its byte position', () => {
    const r = readTransactionStatement(file03(1_000_000, lines), 'm.txt', AT);
    expect(r.problems).toEqual([]);
    const a = r.accounts[0];
    expect(a).toMatchObject({
      createdOn: '2026-06-01',
      periodFrom: '2026-06-01',
      periodTo: '2026-06-30',
      bankCode: '0005',
      bankName: 'ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ',
      branchCode: '123',
      branchName: 'ﾄｳｷﾖｳ',
      accountType: '1',
      accountNumber: '0001234567',
      accountName: 'ｶ)ｳﾗｶﾀ',
      openingBalance: 1_000_000,
      // 1,000,000 + 108,900 + 3,000 − 55,000
      closingBalance: 1_056_900,
    });
  });

  it('skips a 定期 account (預金種目 6: another data layout) with a warning and reads the others', () => {
    const r = readTransactionStatement(
      file03Accounts([
        { number: 1234567, opening: 0, lines: [{ inquiry: '00000001', date: '080602', io: 1, kind: '11', amount: 1_000 }] },
        {
          number: 7654321,
          opening: 3_000_000,
          depositKind: '6',
          lines: [{ inquiry: '00000002', date: '080602', io: 1, kind: '10', amount: 500 }],
        },
      ]),
      'm.txt',
      AT,
    );
    expect(r.accounts.map((a) => a.accountNumber)).toEqual(['0001234567']);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ severity: 'warning', value: '6', row: 4 });
    expect(r.problems[0]?.message_ja).toContain('口座0007654321は通知・定期・積立定期の口座のため読み飛ばしました');
  });

  it('reads byte 0x5C as ¥, as JIS X 0201 has it (not a backslash)', () => {
    const [line] =
      readTransactionStatement(
        file03(0, [{ inquiry: '00000009', date: '080602', io: 1, kind: '11', amount: 1_000, payer: 'ﾔﾏﾀﾞ¥ｼﾖｳﾃﾝ' }]),
        'm.txt',
        AT,
      ).accounts[0]?.lines ?? [];
    expect(line && 'payerName' in line ? line.payerName : undefined).toBe('ﾔﾏﾀﾞ¥ｼﾖｳﾃﾝ');
  });

  it('reads every data field at its byte position', () => {
    const [first, cheque] = readTransactionStatement(file03(1_000_000, lines), 'm.txt', AT).accounts[0]?.lines ?? [];
    expect(first).toEqual({
      record: 2,
      inquiryNumber: '00000001',
      bookDate: '2026-06-02',
      valueDate: '2026-06-02',
      direction: 'in',
      transactionType: '11',
      amount: 108_900,
      otherBankCheques: 0,
      presentedOn: undefined,
      dishonouredOn: undefined,
      chequeKind: '',
      chequeNumber: '',
      relatedBranch: '000',
      payerCode: '1234567890',
      payerName: 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ',
      remitterBank: 'ﾐｽﾞﾎ',
      remitterBranch: 'ﾁﾊﾞ',
      description: 'ﾌﾘｺﾐ',
      edi: 'INV-2026-0001',
    });
    expect(cheque).toMatchObject({ direction: 'out', transactionType: '13', chequeKind: '1', chequeNumber: '0001234', amount: 55_000 });
  });

  it('reads a file without line ends (200-byte records back to back)', () => {
    const withNewlines = file03(500, lines);
    const bare = withNewlines.filter((b) => b !== 0x0d && b !== 0x0a);
    const r = readTransactionStatement(bare, 'm.txt', AT);
    expect(r.problems).toEqual([]);
    expect(r.accounts[0]?.lines).toHaveLength(3);
  });

  it('refuses a record of the wrong length, naming the record', () => {
    const bytes = file03(0, lines);
    const broken = join([
      ...new TextDecoder('latin1')
        .decode(bytes)
        .split('\r\n')
        .filter(Boolean)
        .map((s, i) => Uint8Array.from([...s].map((c) => c.charCodeAt(0))).subarray(0, i === 2 ? 199 : 200)),
    ]);
    const r = readTransactionStatement(broken, 'm.txt', AT);
    expect(r.accounts).toEqual([]);
    expect(r.problems[0]).toMatchObject({ file: 'm.txt', row: 3 });
    expect(r.problems[0]?.message_en).toContain('199 bytes');
  });

  it('refuses a closing balance that does not follow from the lines (取引前残高 + 入金 − 出金)', () => {
    const r = readTransactionStatement(file03(1_000_000, lines, { closing: 1_056_901 }), 'm.txt', AT);
    expect(r.accounts).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ row: 5, column: '取引後残高(41–54)', value: '1056901' })]);
  });

  it('refuses a deposit count that disagrees with the data records', () => {
    const r = readTransactionStatement(file03(0, lines, { inCount: 3 }), 'm.txt', AT);
    expect(r.problems).toEqual([expect.objectContaining({ row: 5, column: '入金件数(2–7)' })]);
  });

  it.each([
    ['入金件数', 2, 6],
    ['入金額合計', 8, 13],
    ['出金件数', 21, 6],
    ['出金額合計', 27, 13],
    ['取引後残高', 41, 14],
    ['データ・レコード件数', 55, 7],
  ])('reads trailer field %s at bytes %i+ and refuses a value the data records contradict', (name, start, length) => {
    const bytes = file03(1_000_000, lines);
    const at = 4 * 202 + start + length - 2; // record 5 (trailer), last digit of the field
    bytes[at] = bytes[at] === 0x39 ? 0x38 : (bytes[at] ?? 0x30) + 1;
    const r = readTransactionStatement(bytes, 'm.txt', AT);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([[5, `${name}(${start}–${start + length - 1})`]]);
  });

  it.each([
    ['レコード総件数', 2, 10],
    ['口座数', 12, 5],
  ])('reads end-record field %s at bytes %i+', (name, start, length) => {
    const bytes = file03(1_000_000, lines);
    const at = 5 * 202 + start + length - 2;
    bytes[at] = (bytes[at] ?? 0x30) + 3;
    const r = readTransactionStatement(bytes, 'm.txt', AT);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([[6, `${name}(${start}–${start + length - 1})`]]);
  });

  it('refuses a non-digit in an N field with the record number and field position', () => {
    const bytes = file03(0, lines);
    bytes[202 + 24] = 0x41; // record 2, byte 25: first digit of 取引金額
    const r = readTransactionStatement(bytes, 'm.txt', AT);
    expect(r.accounts).toEqual([]);
    expect(r.problems[0]).toMatchObject({ row: 2, column: '取引金額(25–36)' });
  });

  it('refuses a file that stops before its trailer', () => {
    const full = file03(0, lines);
    const r = readTransactionStatement(full.subarray(0, 202 * 3), 'm.txt', AT);
    expect(r.accounts).toEqual([]);
    expect(r.problems[0]?.message_en).toContain('ends early');
  });

  it("reads the file's two-digit years against the caller's today, not the clock", () => {
    // 西暦 260602: this year's date on 2026-06-20; twelve years on, 26 is only 平成26 (2014).
    const western = file03(0, [{ inquiry: '00000001', date: '260602', io: 1, kind: '11', amount: 1_000 }]);
    expect(readTransactionStatement(western, 'm.txt', { today: '2026-06-20' }).accounts[0]?.lines[0]?.bookDate).toBe('2026-06-02');
    expect(readTransactionStatement(western, 'm.txt', { today: '2038-06-20' }).accounts[0]?.lines[0]?.bookDate).toBe('2014-06-02');
  });

  it('names the kind when given another 全銀 file', () => {
    const r = readTransactionStatement(
      join([
        record(200, [
          [1, '1'],
          [2, '01'],
        ]),
      ]),
      'x.txt',
      AT,
    );
    expect(r.problems[0]).toMatchObject({ row: 1, column: '種別コード(2–3)', value: '01' });
  });
});

describe('splitRecords', () => {
  it('reports the partial last record of a file without line ends', () => {
    const r = splitRecords(new Uint8Array(450).fill(0x20), 200, 'f');
    expect(r.records).toHaveLength(2);
    expect(r.problems[0]).toMatchObject({ row: 3 });
  });
});

describe('FieldReader', () => {
  // The fields as the format tables define them, read character by character from the bytes.
  const reference = {
    digits: (b: readonly number[]) => String.fromCharCode(...b),
    text: (b: readonly number[]) =>
      b
        .map((x) =>
          x === 0x5c ? '¥' : x === 0x7e ? '‾' : x >= 0x20 && x <= 0x7e ? String.fromCharCode(x) : String.fromCharCode(0xff61 + x - 0xa1),
        )
        .join('')
        .trimEnd(),
  };
  const reader = (bytes: readonly number[]) => new FieldReader({ number: 7, bytes: Uint8Array.from(bytes) }, 'f.txt', [], '2026-06-01');
  const digit = fc.integer({ min: 0x30, max: 0x39 });
  const jis = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa1, max: 0xdf }), fc.constant(0x20));

  it('reads N and C fields as the format tables say (property)', () => {
    fc.assert(
      fc.property(fc.array(digit, { minLength: 1, maxLength: 14 }), fc.array(jis, { minLength: 1, maxLength: 48 }), (n, c) => {
        const f = reader([...n, ...c]);
        expect(f.digits('n', 1, n.length)).toBe(reference.digits(n));
        expect(f.number('n', 1, n.length)).toBe(Number(reference.digits(n)));
        expect(f.text('c', n.length + 1, c.length)).toBe(reference.text(c));
        expect(f.problems).toEqual([]);
      }),
    );
  });
  it('names the field, its bytes and the first byte outside the set', () => {
    const f = reader([0x31, 0x41, 0x20, 0xb1, 0x80, 0x0d]);
    expect(f.number('金額', 1, 3)).toBe(0);
    expect(f.text('振込依頼人名', 4, 3)).toBe('');
    expect(f.problems.map((p) => [p.row, p.column, p.value, p.message_en])).toEqual([
      [7, '金額(1–3)', '1A ', 'non-digit in a numeric (N) field'],
      [7, '振込依頼人名(4–6)', '0x80', 'byte outside JIS X 0201 in a text (C) field'],
    ]);
  });
  it('reads a code of zeros as none', () => {
    expect([orNone('0000000'), orNone('0'), orNone(''), orNone('0001200')]).toEqual(['', '', '', '0001200']);
  });
});

describe('warekiYymmdd', () => {
  it('reads 和暦 dates as 令和, and as 平成 when 令和 would lie in the future', () => {
    expect(warekiYymmdd('070105', '2026-06-01')).toBe('2025-01-05');
    expect(warekiYymmdd('010501', '2026-06-01')).toBe('2019-05-01');
    // きらぼし銀行's layout example: 280503 = 平成28年5月3日
    expect(warekiYymmdd('280503', '2026-06-01')).toBe('2016-05-03');
    expect(warekiYymmdd(num(13, 2) + '0230', '2026-06-01')).toBeUndefined();
  });
  it('refuses a day its era does not have instead of reading it in another era', () => {
    // 令和8年2月29日 does not exist (2026 is no leap year): not 平成8年 (1996).
    expect(warekiYymmdd('080229', '2026-06-01')).toBeUndefined();
    // 令和元年 starts on 5/1: 令和元年4月30日 is not 平成元年 (1989).
    expect(warekiYymmdd('010430', '2026-06-01')).toBeUndefined();
    // 平成31年5月1日 does not exist (平成 ended on 4/30): not 令和31年 (2049).
    expect(warekiYymmdd('310501', '2026-06-01')).toBeUndefined();
    expect(warekiYymmdd('310430', '2026-06-01')).toBe('2019-04-30');
  });
  it('reads 西暦 YYMMDD when only that falls near today (some banks write 西暦)', () => {
    // 令和26 would be 2044; 2026 is this year, 平成26 (2014) twelve years back.
    expect(warekiYymmdd('260601', '2026-11-27')).toBe('2026-06-01');
    expect(warekiYymmdd('251231', '2026-11-27')).toBe('2025-12-31');
    // 28: 西暦 2028 is more than a year ahead, so 平成28 (the きらぼし example) stays.
    expect(warekiYymmdd('280503', '2026-11-27')).toBe('2016-05-03');
  });
});
