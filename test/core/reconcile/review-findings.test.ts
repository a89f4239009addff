/**
 * Automatic matches a review found wrong: each a case where another answer fitted as well, so a
 * person must choose. The engine's promise is that an automatic match is never wrong: each of
 * these is now a suggestion (or the answer that is unique).
 */
import { describe, expect, it } from 'vitest';
import { cancelledTransfers } from '../../../core/reconcile/bank-statement.js';
import { matchDeposits } from '../../../core/reconcile/match.js';
import { deposit, invoice } from './helpers.js';

const one = (lines: Parameters<typeof matchDeposits>[0], items: Parameters<typeof matchDeposits>[1], options = {}) => {
  const d = matchDeposits(lines, items, options).decisions[0];
  if (!d) throw new Error('no decision');
  return d;
};

describe('automatic matches that were not unique', () => {
  it('an EDI id two invoices share once written alike (INV-001, INV001) names neither: the payer decides', () => {
    const items = [
      invoice('INV-001', 'A', 10_000),
      invoice('INV001', 'B', 10_000, { customerKana: 'スズキサンギョウ', customerName: '株式会社鈴木産業' }),
    ];
    // It had cleared B's INV001 automatically (the later of the two ids answered the key).
    const d = one([deposit(10_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ', { edi: 'INV-001' })], items);
    expect([d.status, d.customerId, d.allocations.map((a) => a.invoiceId)]).toEqual(['auto', 'A', ['INV-001']]);
    const unknown = one([deposit(10_000, 'ﾀﾅｶ', { edi: 'INV001' })], items);
    expect(unknown.status).not.toBe('auto');
  });

  it('a combination found among the oldest 40 open items of a customer who has more is a suggestion', () => {
    // 38 large invoices and X1 + X2 = 30,000 among the oldest 40; Y1 + Y2 = 30,000 are the two newest.
    const items = [
      invoice('X1', 'A', 10_000, { dueDate: '2026-01-31' }),
      invoice('X2', 'A', 20_000, { dueDate: '2026-01-31' }),
      ...Array.from({ length: 38 }, (_, i) => invoice(`F${i}`, 'A', 100_001 + i * 1000, { dueDate: '2026-02-28' })),
      invoice('Y1', 'A', 15_000, { dueDate: '2026-05-31' }),
      invoice('Y2', 'A', 15_000, { dueDate: '2026-05-31' }),
    ];
    const d = one([deposit(30_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')], items);
    expect(d.method).toBe('name+combination');
    expect(d.status).toBe('suggested');
  });

  it('a payment short of two invoices, both within the 許容差額, is a suggestion whoever bears the fee', () => {
    for (const feeBurden of ['theirs', undefined] as const) {
      const items = [invoice('I1', 'A', 10_440, { feeBurden }), invoice('I2', 'A', 10_300, { feeBurden, dueDate: '2026-06-30' })];
      const d = one([deposit(10_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')], items, { tolerance: 500 });
      expect(d.status).toBe('suggested');
      expect(d.alternatives.length).toBeGreaterThan(0);
    }
  });

  it('all open items less a fee is a suggestion when some of them add up to the payment exactly', () => {
    const items = [
      invoice('A1', 'A', 50_000, { feeBurden: 'ours' }),
      invoice('B1', 'A', 30_000, { feeBurden: 'ours', dueDate: '2026-06-10' }),
      invoice('S1', 'A', 660, { feeBurden: 'ours', dueDate: '2026-06-20' }),
    ];
    // It had cleared all three and booked a 660-yen fee, while A1 + B1 is the payment exactly.
    const d = one([deposit(80_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')], items);
    expect(d.status).toBe('suggested');
  });

  it('a combination across a group among the oldest of each customer, when a customer has more, is a suggestion', () => {
    const group = { payerNames: ['ﾔﾏﾓﾄﾎｰﾙﾃﾞｲﾝｸﾞｽ'] };
    const a = { ...group, customerName: '株式会社山本商事', customerKana: 'ヤマモトシヨウジ' };
    const b = { ...group, customerName: '株式会社山本物産', customerKana: 'ヤマモトブツサン' };
    // A's oldest 20 hold X1; B's oldest 20 hold X2 (X1 + X2 = 30,000); B's two newest add up the same.
    const items = [
      invoice('X1', 'A', 10_000, { ...a, dueDate: '2026-01-31' }),
      ...Array.from({ length: 19 }, (_, i) => invoice(`FA${i}`, 'A', 100_001 + i * 1000, { ...a, dueDate: '2026-02-28' })),
      invoice('X2', 'B', 20_000, { ...b, dueDate: '2026-01-31' }),
      ...Array.from({ length: 19 }, (_, i) => invoice(`FB${i}`, 'B', 200_001 + i * 1000, { ...b, dueDate: '2026-02-28' })),
      invoice('Y1', 'B', 12_000, { ...b, dueDate: '2026-05-31' }),
      invoice('Y2', 'B', 18_000, { ...b, dueDate: '2026-05-31' }),
    ];
    const d = one([deposit(30_000, 'ｶ)ﾔﾏﾓﾄﾎｰﾙﾃﾞｲﾝｸﾞｽ')], items);
    expect(d.method).toBe('group+combination');
    expect(d.status).toBe('suggested');
  });
});

describe('取消区分 1: the transfer a cancellation cancels', () => {
  it('is looked for in the cancellation’s own account only', () => {
    // Account 1111111: 山田's transfer 000001 of 55,000. Account 2222222: a cancellation 000001 of
    // 55,000 from 鈴木, of a transfer in an earlier notice. They had been paired: 山田's deposit left
    // unmatched, and no reversal asked for.
    const lines = [
      deposit(55_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ', { id: '000001', account: '1111111' }),
      deposit(55_000, 'ｽｽﾞｷ ﾀﾛｳ', { id: '000001', account: '2222222', cancelled: true }),
    ];
    expect([...cancelledTransfers(lines)]).toEqual([[1, -1]]);
    const d = matchDeposits(lines, [invoice('INV-1', 'A', 55_000)]).decisions;
    expect(d[0]?.status).toBe('auto');
    expect(d[1]?.reason).toContain('以前の振込');
    // In the same account it is the transfer cancelled, as before.
    const same = [lines[0], { ...lines[1], account: '1111111' }] as typeof lines;
    expect([...cancelledTransfers(same)]).toEqual([[1, 0]]);
  });
});
