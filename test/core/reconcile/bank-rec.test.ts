import { describe, expect, it } from 'vitest';
import { bankRecRows, bankReconciliation, readBook } from '../../../core/reconcile/bank-rec.js';
import { readBankStatement } from '../../../core/reconcile/bank-statement.js';
import { file03Accounts } from '../zengin/statement/build-record.js';
import { deposit, statement } from './helpers.js';

/** The day the statements are read on (the caller's today): a 全銀 file's 令和8年 is this year. */
const AT = { today: '2026-07-10' };

const book = (csv: string) => readBook(`date,amount,description,voucher,cheque_no\n${csv}`, 'book.csv').entries;

describe('bankReconciliation (銀行勘定調整表, 両者区分調整法)', () => {
  it('adjusts both balances to the same figure with every classic item', () => {
    // Bank: opening 100,000; +30,000 (booked both sides); −220 fee (not booked); +5,000 unknown
    // payer (not booked); cheque 77 cleared at 12,000 though the book says 10,000.
    const s = {
      openingBalance: 100_000,
      closingBalance: undefined,
      lines: statement(
        deposit(30_000, 'ｶ)ﾔﾏﾀﾞ', { date: '2026-06-05' }),
        deposit(220, 'ﾃｽｳﾘﾖｳ', { date: '2026-06-08', direction: 'out' }),
        deposit(5_000, 'ｽｽﾞｷ ﾀﾛｳ', { date: '2026-06-10' }),
        deposit(12_000, '', { date: '2026-06-11', direction: 'out', chequeNumber: '0000077' }),
      ),
    };
    const b = book(
      [
        '2026-06-01,100000,前月繰越,,',
        '2026-06-04,30000,山田 入金,R1,',
        '2026-06-09,-10000,小切手 A社,P1,77',
        '2026-06-20,-40000,小切手 B社,P2,78',
        '2026-06-30,8000,現金預入,R2,',
      ].join('\n'),
    );
    const r = bankReconciliation(s, b, '2026-06-30');
    // bank 100,000 + 30,000 − 220 + 5,000 − 12,000 = 122,780
    expect(r.bankBalance).toBe(122_780);
    // book 100,000 + 30,000 − 10,000 − 40,000 + 8,000 = 88,000
    expect(r.bookBalance).toBe(88_000);
    // Section by section as the statement reads: bank side, then book side.
    expect(r.items.map((i) => [i.section, i.adjustment])).toEqual([
      ['deposit_in_transit', 8_000],
      ['outstanding_cheque', -40_000],
      ['unrecorded_deposit', 5_000],
      ['unrecorded_withdrawal', -220],
      ['book_error', -2_000],
    ]);
    // 誤記入: the cheque number once (its own field), amounts with separators and △.
    expect(r.items.find((i) => i.section === 'book_error')).toMatchObject({
      chequeNo: '77',
      description: '帳簿 △10,000円、銀行 △12,000円',
    });
    expect(bankRecRows(r).map((row) => row.section)).toEqual([
      'bank_balance',
      'deposit_in_transit',
      'outstanding_cheque',
      'adjusted_bank',
      'book_balance',
      'unrecorded_deposit',
      'unrecorded_withdrawal',
      'book_error',
      'adjusted_book',
      'difference',
      'journal',
      'journal',
      'journal',
      'pair',
      'pair',
    ]);
    // adjusted bank 122,780 + 8,000 − 40,000 = 90,780; adjusted book 88,000 − 220 + 5,000 − 2,000 = 90,780
    expect([r.adjustedBank, r.adjustedBook, r.difference]).toEqual([90_780, 90_780, 0]);
    expect(r.journal).toContainEqual({
      date: '2026-06-08',
      debit: '支払手数料',
      credit: '当座預金',
      amount: 220,
      memo: expect.stringContaining('ﾃｽｳﾘﾖｳ'),
    });
    expect(r.journal).toContainEqual(expect.objectContaining({ debit: '当座預金', credit: '売掛金', amount: 5_000 }));
    expect(r.pairs.map((p) => p.by)).toEqual(['cheque', 'amount_date']);
  });

  it('gives outstanding cheques their age and flags stale ones', () => {
    const b = book('2025-11-01,-1000,小切手,P,5\n2026-06-20,-2000,小切手,P,6');
    const r = bankReconciliation({ openingBalance: 0, closingBalance: undefined, lines: [] }, b, '2026-06-30');
    expect(r.items.map((i) => [i.chequeNo, i.ageDays, i.note.startsWith('振出後')])).toEqual([
      ['5', 241, true],
      ['6', 10, false],
    ]);
  });

  it('pairs across a holiday weekend but not beyond the business-day window', () => {
    // Book 9/18 (Fri); bank 9/24 (Thu) is 1 business day later in the 2026 Silver Week.
    const s = {
      openingBalance: 0,
      closingBalance: undefined,
      lines: statement(deposit(7_000, 'X', { date: '2026-09-24' }), deposit(9_000, 'Y', { date: '2026-09-30' })),
    };
    const r = bankReconciliation(s, book('2026-09-18,7000,a,,\n2026-09-18,9000,b,,'), '2026-09-30', { windowDays: 3 });
    expect(r.pairs.map((p) => p.amount)).toEqual([7_000]);
    expect(r.items.map((i) => i.section).sort()).toEqual(['deposit_in_transit', 'unrecorded_deposit']);
  });

  it('ignores bank lines after the as-of date: a late deposit stays in transit', () => {
    const s = readBankStatement('date,amount,payer,balance\n2026-06-29,1000,A,1000\n2026-07-01,500,B,1500\n', 'b.csv', AT);
    const r = bankReconciliation(s, book('2026-06-29,1000,A,,\n2026-06-30,500,B,,'), '2026-06-30');
    expect([r.bankBalance, r.bookBalance, r.difference]).toEqual([1_000, 1_500, 0]);
    expect(r.items.map((i) => i.section)).toEqual(['deposit_in_transit']);
  });

  it('lets a transfer and its cancellation (取消区分 1) move no money, and takes back one cancelled from an earlier notice', () => {
    const s = {
      openingBalance: 0,
      closingBalance: undefined,
      lines: statement(
        deposit(55_000, 'ﾔﾏﾀﾞ ﾀﾛｳ', { id: '000001', date: '2026-06-05' }),
        deposit(30_000, 'ｽｽﾞｷ', { id: '000002', date: '2026-06-05' }),
        deposit(55_000, 'ﾔﾏﾀﾞ ﾀﾛｳ', { id: '000001', date: '2026-06-05', cancelled: true }),
        deposit(8_000, 'ﾀﾅｶ', { id: '000003', date: '2026-06-08', cancelled: true }),
      ),
    };
    const r = bankReconciliation(s, book('2026-06-05,30000,鈴木 入金,R1,'), '2026-06-30');
    // 30,000 in, 8,000 taken back (its transfer came in an earlier notice): 22,000.
    expect(r.bankBalance).toBe(22_000);
    expect(r.items.map((i) => [i.section, i.adjustment, i.bankLine])).toEqual([['unrecorded_withdrawal', -8_000, 4]]);
    expect(r.pairs.map((p) => p.bankLine)).toEqual([2]);
  });

  it('reconciles one account of a 全銀 statement holding several, asking which when not told', () => {
    const bytes = file03Accounts([
      {
        number: 1234567,
        opening: 1_000_000,
        lines: [{ inquiry: '00000001', date: '080605', io: 1, kind: '11', amount: 30_000, payer: 'ｽｽﾞｷ' }],
      },
      { number: 7654321, opening: 5_000_000, lines: [{ inquiry: '00000002', date: '080606', io: 2, kind: '14', amount: 70_000 }] },
    ]);
    const s = readBankStatement(bytes, 'meisai.txt', AT);
    expect(s.accounts.map((a) => [a.number, a.openingBalance])).toEqual([
      ['0001234567', 1_000_000],
      ['0007654321', 5_000_000],
    ]);
    const b = book('2026-06-01,1000000,前月繰越,,\n2026-06-05,30000,鈴木 入金,R1,');
    const unchosen = bankReconciliation(s, b, '2026-06-30');
    expect(unchosen.problems[0]).toMatchObject({ file: 'meisai.txt', column: 'bank_account' });
    expect(unchosen.problems[0]?.message_ja).toContain('口座が2つあります');
    const r = bankReconciliation(s, b, '2026-06-30', { bankAccount: '1234567' });
    expect(r.problems).toEqual([]);
    expect([r.bankBalance, r.bookBalance, r.difference, r.items]).toEqual([1_030_000, 1_030_000, 0, []]);
    expect(bankReconciliation(s, b, '2026-06-30', { bankAccount: '999' }).problems[0]?.message_ja).toContain('その口座はありません');
  });

  it('takes a newest-first CSV export’s opening and closing balances from its earliest and latest lines', () => {
    const s = readBankStatement('date,amount,payer,balance\n2026-06-02,3000,A,104000\n2026-06-01,-1000,B,101000\n', 'sbi.csv', AT);
    expect([s.openingBalance, s.closingBalance]).toEqual([102_000, 104_000]);
  });

  it('does not take a 口座振替 of the same amount for a cheque: both stay as reconciling items', () => {
    const s = {
      openingBalance: 100_000,
      closingBalance: undefined,
      lines: statement(deposit(50_000, '', { date: '2026-06-02', direction: 'out', transactionType: '14', memo: 'ﾃﾞﾝｷﾘﾖｳ' })),
    };
    const r = bankReconciliation(s, book('2026-06-01,100000,前月繰越,,\n2026-06-01,-50000,小切手 A社,P1,0000101'), '2026-06-30');
    expect(r.pairs).toEqual([]);
    expect(r.items.map((i) => [i.section, i.adjustment])).toEqual([
      ['outstanding_cheque', -50_000],
      ['unrecorded_withdrawal', -50_000],
    ]);
    expect(r.difference).toBe(0);
  });

  it('reports a ledger row without an amount', () => {
    const r = readBook('date,deposit,withdrawal,description\n2026-06-01,,,x\n', 'book.csv');
    expect(r.problems[0]).toMatchObject({ row: 2, column: 'amount' });
  });
});
