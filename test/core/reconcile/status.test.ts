import { describe, expect, it } from 'vitest';
import { matchDeposits } from '../../../core/reconcile/match.js';
import { tableStatusCounts } from '../../../core/reconcile/report.js';
import { CLEARED, clearingStatus, clearingStatuses, openAfterStatus } from '../../../core/reconcile/status.js';
import { deposit, invoice, statement } from './helpers.js';

describe('消込状態 written and read back', () => {
  it('writes 消込済 for an invoice cleared in full, 一部入金（残N円） for what a part payment leaves', () => {
    expect(clearingStatus(50_000, 50_000)).toBe(CLEARED);
    expect(clearingStatus(50_000, 38_000)).toBe('一部入金（残12,000円）');
    expect(clearingStatus(1_234_567, 1)).toBe('一部入金（残1,234,566円）');
  });

  it('reads what it writes: nothing open once 消込済, the rest after 一部入金', () => {
    for (const [open, received] of [
      [50_000, 50_000],
      [50_000, 38_000],
      [1_234_567, 1],
      [999, 998],
    ] as const) {
      expect(openAfterStatus(clearingStatus(open, received), open), `${open} − ${received}`).toBe(open - received);
    }
  });

  it('adds up the deposits of one invoice, against the amount it had open', () => {
    const items = [invoice('A1', 'C1', 30_000), invoice('A2', 'C1', 20_000)];
    const [paid] = matchDeposits(statement(deposit(30_000, 'ｶ)ﾔﾏﾀﾞｼﾖｳｼﾞ')), items).decisions;
    if (!paid) throw new Error('no decision');
    expect([...clearingStatuses([paid], new Map([['A1', 30_000]]))]).toEqual([['A1', CLEARED]]);
    const twice = [5_000, 6_000].map((amount) => ({ ...paid, allocations: [{ invoiceId: 'A2', amount }] }));
    const part = clearingStatuses(twice, new Map([['A2', 20_000]]));
    expect(part.get('A2')).toBe('一部入金（残9,000円）');
  });
});

describe('tableStatusCounts', () => {
  it('counts the deposits of a match table by status, from its header', () => {
    const table = [
      ['bank_line', 'status', 'reason'],
      [1, 'auto', ''],
      [2, 'suggested', ''],
      [3, 'auto', ''],
      [4, 'unmatched', ''],
    ];
    expect(tableStatusCounts(table)).toEqual({ auto: 2, suggested: 1, unmatched: 1 });
    expect(tableStatusCounts([['bank_line'], [1]])).toEqual({});
    expect(tableStatusCounts([])).toEqual({});
  });
});
