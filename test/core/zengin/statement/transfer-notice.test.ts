import { describe, expect, it } from 'vitest';
import { readTransferNotice } from '../../../../core/zengin/statement/index.js';
import { join, num, record } from './build-record.js';

/** The day the file is read on (the caller's today): its 令和8年 dates are this year's. */
const AT = { today: '2026-06-20' };

const header = record(200, [
  [1, '1'],
  [2, '01'],
  [4, '0'],
  [5, '080601'],
  [11, '080601'],
  [17, '080601'],
  [23, '0009'],
  [27, 'ﾐﾂｲｽﾐﾄﾓ'],
  [42, '456'],
  [45, 'ｼﾝｼﾞﾕｸ'],
  [60, '2'],
  [61, '7654321'],
  [68, 'ｶ)ｳﾗｶﾀ'],
]);
const dataA = record(200, [
  [1, '2'],
  [2, '000123'],
  [8, '080601'],
  [14, '080601'],
  [20, num(54_560, 10)],
  [30, num(0, 10)],
  [40, num(42, 10)],
  [50, 'ﾀﾏﾎ-ﾑ(ｶ'],
  [98, 'ﾘｿﾅ'],
  [113, 'ｵｵﾐﾔ'],
  [128, ' '],
  [129, 'EDI-A'],
]);
const cancelledA = record(200, [
  [1, '2'],
  [2, '000124'],
  [8, '080601'],
  [14, '080601'],
  [20, num(1_000, 10)],
  [30, num(0, 10)],
  [50, 'ﾔﾏﾀﾞ ﾀﾛｳ'],
  [128, '1'],
]);
const dataB = record(200, [
  [1, '2'],
  [2, '000125'],
  [8, '080601'],
  [14, '080601'],
  [20, num(0, 10)],
  [30, num(0, 10)],
  [50, 'ｶ)ｵｵｶﾞﾈﾓﾁ'],
  [128, '0'],
  [129, num(12_345_678_901, 12)],
  [141, num(0, 12)],
  [153, 'EDI-B'],
]);
const trailer = (count: number, total: number, cancelCount: number, cancelTotal: number) =>
  record(200, [
    [1, '8'],
    [2, num(count, 6)],
    [8, num(total, 12)],
    [20, num(cancelCount, 6)],
    [26, num(cancelTotal, 12)],
  ]);
const end = record(200, [[1, '9']]);

describe('readTransferNotice (全銀 振込入金通知, 種別01)', () => {
  const good = join([header, dataA, cancelledA, dataB, trailer(2, 54_560 + 12_345_678_901, 1, 1_000), end]);

  it('reads every header field at its byte position', () => {
    const r = readTransferNotice(good, 't.txt', AT);
    expect(r.problems).toEqual([]);
    expect(r.accounts[0]).toMatchObject({
      createdOn: '2026-06-01',
      bankCode: '0009',
      bankName: 'ﾐﾂｲｽﾐﾄﾓ',
      branchCode: '456',
      branchName: 'ｼﾝｼﾞﾕｸ',
      accountType: '2',
      accountNumber: '7654321',
      accountName: 'ｶ)ｳﾗｶﾀ',
    });
  });

  it('reads format A data fields at their byte positions', () => {
    expect(readTransferNotice(good, 't.txt', AT).accounts[0]?.lines[0]).toEqual({
      record: 2,
      inquiryNumber: '000123',
      bookDate: '2026-06-01',
      valueDate: '2026-06-01',
      amount: 54_560,
      otherBankCheques: 0,
      payerCode: '0000000042',
      payerName: 'ﾀﾏﾎ-ﾑ(ｶ',
      remitterBank: 'ﾘｿﾅ',
      remitterBranch: 'ｵｵﾐﾔ',
      cancelled: false,
      edi: 'EDI-A',
      format: 'A',
    });
  });

  it('marks 取消区分 1 as a cancelled transfer', () => {
    expect(readTransferNotice(good, 't.txt', AT).accounts[0]?.lines[1]).toMatchObject({ cancelled: true, amount: 1_000 });
  });

  it('reads format B: 12-digit amount at 129–140, EDI at 153–172', () => {
    expect(readTransferNotice(good, 't.txt', AT).accounts[0]?.lines[2]).toMatchObject({
      format: 'B',
      amount: 12_345_678_901,
      edi: 'EDI-B',
    });
  });

  it.each([
    ['振込合計件数', 2, 6],
    ['振込合計金額', 8, 12],
    ['取消合計件数', 20, 6],
    ['取消合計金額', 26, 12],
  ])('reads trailer field %s at bytes %i+ and refuses a value the data contradict', (name, start, length) => {
    const bytes = good.slice();
    const at = 4 * 202 + start + length - 2; // record 5 (trailer), last digit
    bytes[at] = (bytes[at] ?? 0x30) >= 0x38 ? (bytes[at] ?? 0x30) - 2 : (bytes[at] ?? 0x30) + 2;
    const r = readTransferNotice(bytes, 't.txt', AT);
    expect(r.problems.map((p) => [p.row, p.column])).toEqual([[5, `${name}(${start}–${start + length - 1})`]]);
  });

  it('refuses totals that disagree with the data, naming the trailer record', () => {
    const bad = join([header, dataA, trailer(1, 54_561, 0, 0), end]);
    const r = readTransferNotice(bad, 't.txt', AT);
    expect(r.accounts).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ row: 3, column: '振込合計金額(8–19)' })]);
  });
});
