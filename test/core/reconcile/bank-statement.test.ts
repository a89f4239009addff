import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCp932 } from '../../../core/csv/encoding.js';
import { readBankStatement } from '../../../core/reconcile/bank-statement.js';
import { readOpenItems } from '../../../core/reconcile/open-items.js';
import { file03 } from '../zengin/statement/build-record.js';

/** The day the statements are read on (the caller's today): a 全銀 file's 令和8年 is this year. */
const AT = { today: '2026-07-10' };

describe('readBankStatement', () => {
  it('reads the generic CSV with English headers, signed amounts', () => {
    const s = readBankStatement('date,amount,payer,id\n2026-06-01,54560,ﾀﾏﾎｰﾑ(ｶ,A1\n2026-06-02,-3300,ﾃｽｳﾘﾖｳ,A2\n', 'b.csv', AT);
    expect(s.format).toBe('csv:generic');
    expect(s.problems).toEqual([]);
    expect(s.lines.map((l) => [l.line, l.id, l.direction, l.amount, l.row])).toEqual([
      [1, 'A1', 'in', 54_560, 2],
      [2, 'A2', 'out', 3_300, 3],
    ]);
  });

  it('reads the payer from 振込依頼人名 when the export has 摘要 too (two names of the payer: the first the format lists)', () => {
    const csv = '日付,摘要,入金,出金,振込依頼人名,照会番号,残高\n2026-06-01,振込,54560,,ﾀﾏﾎｰﾑ(ｶ,A1,154560\n';
    const s = readBankStatement(csv, 'b.csv', AT);
    expect(s.problems).toEqual([]);
    expect(s.lines.map((l) => [l.payer, l.amount])).toEqual([['ﾀﾏﾎｰﾑ(ｶ', 54_560]]);
  });

  it('reads the generic CSV with Japanese headers and deposit/withdrawal columns', () => {
    const s = readBankStatement(
      '日付,入金,出金,振込依頼人名,照会番号,残高\n2026/6/1,"1,000",,ﾔﾏﾀﾞ,00012,11000\n2026/6/2,,500,ATM,00013,10500\n',
      'b.csv',
      AT,
    );
    expect(s.lines.map((l) => [l.date, l.direction, l.amount, l.id])).toEqual([
      ['2026-06-01', 'in', 1_000, '00012'],
      ['2026-06-02', 'out', 500, '00013'],
    ]);
    expect([s.openingBalance, s.closingBalance]).toEqual([10_000, 10_500]);
  });

  it('recognises a MUFG export (Shift_JIS) by its header and reads the payer from 摘要内容', () => {
    const csv =
      '"日付","摘要","摘要内容","支払い金額","預かり金額","差引残高","メモ","未資金化区分","入払区分"\r\n"2026/6/1","振込ＩＢ１","カ)エービーシー","","2,000","102,000","","",""\r\n';
    const s = readBankStatement(encodeCp932(csv), 'mufg.csv', AT);
    expect([s.format, s.encoding]).toEqual(['csv:mufg', 'shift_jis']);
    expect(s.lines[0]).toMatchObject({ direction: 'in', amount: 2_000, payer: 'カ)エービーシー', memo: '振込ＩＢ１', balance: 102_000 });
  });

  it('recognises a 楽天銀行 export: one signed amount, YYYYMMDD dates', () => {
    const s = readBankStatement(
      '取引日,入出金(円),取引後残高(円),入出金内容\n20260601,-220,9780,振込手数料\n20260602,5000,14780,ﾔﾏﾀﾞ ﾀﾛｳ\n',
      'r.csv',
      AT,
    );
    expect(s.format).toBe('csv:rakuten');
    expect(s.lines.map((l) => [l.date, l.direction, l.amount])).toEqual([
      ['2026-06-01', 'out', 220],
      ['2026-06-02', 'in', 5_000],
    ]);
  });

  it('recognises a 住信SBIネット銀行 export', () => {
    const s = readBankStatement(
      '"日付","内容","出金金額(円)","入金金額(円)","残高(円)","メモ"\n"2026/06/03","振込 ｶ)ﾔﾏﾀﾞ","","30,000","130,000",""\n',
      's.csv',
      AT,
    );
    expect(s.format).toBe('csv:sbi');
    expect(s.lines[0]).toMatchObject({ direction: 'in', amount: 30_000, payer: '振込 ｶ)ﾔﾏﾀﾞ' });
  });

  it('reads a 全銀 入出金取引明細 and keeps 照会番号 as the id', () => {
    const s = readBankStatement(
      file03(0, [{ inquiry: '00000042', date: '080602', io: 1, kind: '11', amount: 9_000, payer: 'ﾔﾏﾀﾞ' }]),
      'm.txt',
      AT,
    );
    expect(s.format).toBe('zengin-03');
    expect(s.lines[0]).toMatchObject({ line: 1, id: '00000042', amount: 9_000, payer: 'ﾔﾏﾀﾞ', row: 2 });
    expect([s.openingBalance, s.closingBalance]).toEqual([0, 9_000]);
  });

  it('names every format it tried when a file matches none', () => {
    const s = readBankStatement('foo,bar\n1,2\n', 'x.csv', AT);
    expect(s.lines).toEqual([]);
    expect(s.problems[0]?.message_ja).toContain('全銀 入出金取引明細(種別03)');
    expect(s.problems[0]?.message_ja).toContain('楽天銀行');
    expect(s.problems[0]?.message_en).toContain('tried');
  });

  it('reports a bad amount with row and column', () => {
    const s = readBankStatement('date,amount,payer\n2026-06-01,12.5,ﾔﾏﾀﾞ\n', 'b.csv', AT);
    expect(s.problems[0]).toMatchObject({ file: 'b.csv', row: 2, column: 'amount', value: '12.5' });
  });
});

describe('readOpenItems', () => {
  it('reads Japanese headers, 振込名義 lists and 手数料負担', () => {
    const r = readOpenItems(
      '請求書番号,得意先コード,得意先名,得意先カナ,請求日,支払期限,請求残高,振込名義,手数料負担\nI1,C1,山田商事,ヤマダショウジ,2026-05-01,2026-05-31,"55,000",ﾔﾏﾀﾞHD|ﾔﾏﾀﾞ ﾀﾛｳ,当方\n',
      'o.csv',
    );
    expect(r.problems).toEqual([]);
    expect(r.items[0]).toMatchObject({ invoiceId: 'I1', amount: 55_000, payerNames: ['ﾔﾏﾀﾞHD', 'ﾔﾏﾀﾞ ﾀﾛｳ'], feeBurden: 'ours', row: 2 });
  });
  it('reads the 消込状態 the Excel pane writes: 消込済 is closed, 一部入金 leaves the rest open', () => {
    const r = readOpenItems(
      [
        '請求書番号,得意先コード,請求日,支払期限,請求残高,消込状態',
        'I1,C1,2026-05-01,2026-05-31,50000,消込済',
        'I2,C1,2026-05-01,2026-05-31,50000,"一部入金（残12,000円）"',
        'I3,C1,2026-05-01,2026-05-31,50000,"一部入金 5,000円"',
        'I4,C1,2026-05-01,2026-05-31,50000,電話で確認中',
        'I5,C1,2026-05-01,2026-05-31,50000,',
      ].join('\n'),
      'o.csv',
    );
    expect(r.problems).toEqual([]);
    expect(r.items.map((i) => [i.invoiceId, i.amount])).toEqual([
      ['I2', 12_000],
      ['I3', 45_000],
      ['I4', 50_000],
      ['I5', 50_000],
    ]);
  });
  it('reports a duplicated invoice id', () => {
    const r = readOpenItems(
      'invoice_id,customer_id,issue_date,due_date,amount\nI1,C1,2026-05-01,2026-05-31,1\nI1,C1,2026-05-01,2026-05-31,2\n',
      'o.csv',
    );
    expect(r.problems[0]).toMatchObject({ row: 3, column: 'invoice_id', value: 'I1' });
  });
  it('finds every duplicated invoice id, ids in order or not, naming the row of the first (property)', () => {
    // Ids in increasing order are not looked up; from the first out of order on they are. A row
    // already cleared (消込済) makes no item, but its id counts.
    const id = fc.constantFrom('I1', 'I2', 'I3', 'I10', 'J1', 'i1');
    fc.assert(
      fc.property(fc.array(fc.tuple(id, fc.boolean()), { minLength: 1, maxLength: 30 }), fc.boolean(), (rows, sorted) => {
        const order = sorted ? [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) : rows;
        const r = readOpenItems(
          [
            'invoice_id,customer_id,issue_date,due_date,amount,消込状態',
            ...order.map(([i, cleared]) => `${i},C1,2026-05-01,2026-05-31,100,${cleared ? '消込済' : ''}`),
          ].join('\n'),
          'o.csv',
        );
        const first = new Map<string, number>();
        const items: [string, number][] = [];
        const duplicates: [number, string][] = [];
        order.forEach(([i, cleared], k) => {
          const at = first.get(i);
          if (at !== undefined) duplicates.push([k + 2, `請求書番号が重複しています（${at}行目）`]);
          else {
            first.set(i, k + 2);
            if (!cleared) items.push([i, k + 2]);
          }
        });
        expect(r.problems.map((p) => [p.row, p.message_ja])).toEqual(duplicates);
        expect(r.items.map((i) => [i.invoiceId, i.row])).toEqual(items);
      }),
    );
  });
});

describe('a bank CSV listed newest first', () => {
  const read = (csv: string) => readBankStatement(new TextEncoder().encode(csv), 'bank.csv', { today: '2026-06-30' });

  it('gives the opening and closing balances of a statement of one day, whichever way it is listed', () => {
    // +100 then +200 on one day from 1,000: opening 1,000, closing 1,300. Listed newest first,
    // its dates all alike, it had been read oldest first: opening 1,100, closing 1,100.
    const oldest = read('日付,入金,出金,残高,摘要\n2026-06-30,100,,1100,ｱ\n2026-06-30,200,,1300,ｲ\n');
    const newest = read('日付,入金,出金,残高,摘要\n2026-06-30,200,,1300,ｲ\n2026-06-30,100,,1100,ｱ\n');
    for (const s of [oldest, newest]) {
      expect(s.problems).toEqual([]);
      expect([s.openingBalance, s.closingBalance]).toEqual([1000, 1300]);
    }
    // Over several days the dates say it, as before.
    const days = read('日付,入金,出金,残高,摘要\n2026-06-30,200,,1300,ｲ\n2026-06-29,100,,1100,ｱ\n');
    expect([days.openingBalance, days.closingBalance]).toEqual([1000, 1300]);
  });
});
