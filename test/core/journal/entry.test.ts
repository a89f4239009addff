import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ACCOUNT_MAP, postingFor, readAccountMap } from '../../../core/journal/accounts.js';
import { EntryBuilder, sideTotal } from '../../../core/journal/entry.js';
import { paymentJournal } from '../../../core/journal/payments.js';

const bank = postingFor(DEFAULT_ACCOUNT_MAP, 'bank');
const salary = postingFor(DEFAULT_ACCOUNT_MAP, 'salary');

describe('EntryBuilder', () => {
  it('refuses an entry whose sides differ', () => {
    expect(() => new EntryBuilder('2026-05-25', 'x').debit(salary, 1000).credit(bank, 999).build()).toThrow(/貸借が一致しません/);
  });

  it('refuses an entry with no line (zero amounts are left out)', () => {
    expect(() => new EntryBuilder('2026-05-25', 'x').debit(salary, 0).build()).toThrow(/no lines/);
  });

  it('puts a negative amount on the other side, positive', () => {
    const e = new EntryBuilder('2026-05-25', 'x').credit(salary, -500, -50).debit(bank, -500).build();
    expect(e.lines.map((l) => [l.side, l.amount, l.tax])).toEqual([
      ['debit', 500, 50],
      ['credit', 500, 0],
    ]);
  });

  it('refuses a fraction of a yen', () => {
    expect(() => new EntryBuilder('2026-05-25', 'x').debit(salary, 0.5)).toThrow(RangeError);
  });

  it('any list of signed amounts closed by their sum builds a balanced entry', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e9, max: 1e9 }), { minLength: 1, maxLength: 20 }), (amounts) => {
        const b = new EntryBuilder('2026-05-25', 'p');
        for (const a of amounts) b.debit(salary, a);
        const sum = amounts.reduce((s, a) => s + a, 0);
        b.credit(bank, sum);
        if (b.isEmpty) return;
        const e = b.build();
        expect(sideTotal(e, 'debit')).toBe(sideTotal(e, 'credit'));
        expect(e.lines.every((l) => l.amount > 0)).toBe(true);
      }),
    );
  });
});

describe('paymentJournal (総合振込)', () => {
  it('当方負担: 買掛金 and 支払手数料 against 普通預金', () => {
    const [e] = paymentJournal([{ vendor: '山田商店', amount: 110_000, fee: 660, feeBurden: 'ours', date: '2026-05-29' }]);
    expect(e?.lines.map((l) => [l.side, l.account, l.subAccount, l.amount])).toEqual([
      ['debit', '買掛金', '山田商店', 110_000],
      ['debit', '支払手数料', '', 660],
      ['credit', '普通預金', '', 110_660],
    ]);
    expect(e?.memo).toBe('山田商店 支払');
  });

  it('先方負担: the 買掛金 clears in full and the account pays the transfer and the fee', () => {
    const [e] = paymentJournal([{ vendor: 'V01', amount: 50_000, fee: 440, feeBurden: 'theirs', date: '2026-05-29' }]);
    expect(e?.lines.map((l) => [l.side, l.account, l.amount])).toEqual([
      ['debit', '買掛金', 50_000],
      ['credit', '普通預金', 49_560],
      ['credit', '普通預金', 440],
    ]);
  });

  it('every payment entry balances and clears exactly the amount paid', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            vendor: fc.string({ minLength: 1, maxLength: 8 }),
            amount: fc.integer({ min: 1, max: 1e9 }),
            fee: fc.integer({ min: 0, max: 990 }),
            feeBurden: fc.constantFrom('ours' as const, 'theirs' as const),
          }),
          { maxLength: 30 },
        ),
        (items) => {
          const entries = paymentJournal(items.map((i) => ({ ...i, fee: Math.min(i.fee, i.amount), date: '2026-05-29' })));
          expect(entries).toHaveLength(items.length);
          for (const [i, e] of entries.entries()) {
            expect(sideTotal(e, 'debit')).toBe(sideTotal(e, 'credit'));
            const payable = e.lines.filter((l) => l.account === '買掛金').reduce((s, l) => s + l.amount, 0);
            expect(payable).toBe(items[i]?.amount);
          }
        },
      ),
    );
  });
});

describe('readAccountMap', () => {
  it('replaces only the rows given, by English id or Japanese label, and reads the tax method', () => {
    const r = readAccountMap('種類,勘定科目,補助科目\n差引支給額,未払金,給与\ntax_method,税抜,\n', 'accounts.csv');
    expect(r.problems).toEqual([]);
    expect(r.map.postings.net_pay).toEqual({ account: '未払金', subAccount: '給与', department: '', taxCategory: '対象外' });
    expect(r.map.postings.salary.account).toBe('給料手当');
    expect(r.map.taxMethod).toBe('exclusive');
  });

  it('names the row and column of an unknown kind, a duplicate and an empty account', () => {
    const r = readAccountMap('kind,account\nnope,現金\nfee,支払手数料\nfee,雑費\nbank,\n', 'a.csv');
    expect(r.problems.map((p) => [p.row, p.column]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      [2, 'kind'],
      [4, 'kind'],
      [5, 'account'],
    ]);
  });
});
