/**
 * The engine on a generator it is not tuned on (independent-data.ts): its own names, forms,
 * rates and writing. Targets: precision ≥ 99.5 %, auto recall ≥ 85 %, truth among
 * auto + suggested ≥ 95 %, from a Shift_JIS CSV.
 */
import { describe, expect, it } from 'vitest';
import { encodeCp932 } from '../../../core/csv/encoding.js';
import { readBankStatement } from '../../../core/reconcile/bank-statement.js';
import { matchDeposits } from '../../../core/reconcile/match.js';
import { independentCase } from './independent-data.js';

describe('accuracy on an independent generator', () => {
  for (const seed of [2026, 31337, 5]) {
    it(`seed ${seed}: precision ≥ 99.5 %, auto recall ≥ 85 %, truth among auto+suggested ≥ 95 %`, () => {
      const c = independentCase(seed);
      const csv = ['日付,入金額,振込依頼人名', ...c.lines.map((l) => `${l.date},${l.amount},${l.payer}`)].join('\r\n');
      const read = readBankStatement(encodeCp932(csv), 'bank.csv', { today: '2026-07-31' });
      expect(read.problems).toEqual([]);
      const amounts = new Map(c.items.map((i) => [i.invoiceId, `${i.customerId}:${i.amount}`] as const));
      const same = (a: readonly string[], b: readonly string[]) =>
        a
          .map((id) => amounts.get(id))
          .sort()
          .join() ===
        b
          .map((id) => amounts.get(id))
          .sort()
          .join();
      let matchable = 0;
      let auto = 0;
      let right = 0;
      let found = 0;
      for (const d of matchDeposits(read.lines, c.items, { tolerance: 1_000 }).decisions) {
        const t = c.truth.get(d.line.line);
        if (!t) throw new Error(`no truth for line ${d.line.line}`);
        const ids = d.allocations.map((a) => a.invoiceId);
        const ok = t.customer !== '' && same(ids, t.invoices);
        if (t.customer !== '') matchable++;
        if (d.status === 'auto') {
          auto++;
          if (ok) right++;
        }
        if (ok && d.status !== 'unmatched') found++;
      }
      expect(c.lines.length).toBe(3_000);
      expect(right / auto).toBeGreaterThanOrEqual(0.995);
      expect(right / matchable).toBeGreaterThanOrEqual(0.85);
      expect(found / matchable).toBeGreaterThanOrEqual(0.95);
    });
  }
});
