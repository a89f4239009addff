import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CustomerBlock, OpenItemIndex, type Seq } from '../../../core/reconcile/open-item-index.js';
import { invoice } from './helpers.js';

/** A customer's items, oldest first. */
const seqsOf = (block: CustomerBlock | undefined): Seq[] =>
  block ? Array.from({ length: block.end - block.start }, (_, i) => block.start + i) : [];

describe('OpenItemIndex amount look-ups', () => {
  // Small customers are scanned, large ones (more than 48 items) use a hash index kept up to
  // date by apply(): both must answer as a brute-force search over the current open amounts.
  it('finds the oldest open item with an amount, before and after partial payments, for small and large customers', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 120, maxLength: 120 }),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 6 })), { maxLength: 40 }),
        (count, amounts, payments) => {
          const items = Array.from({ length: count }, (_, i) =>
            invoice(`INV-${String(i).padStart(4, '0')}`, 'C1', (amounts[i] ?? 1) * 1_000, {
              dueDate: `2026-0${1 + (i % 9)}-28`,
            }),
          );
          const index = new OpenItemIndex(items);
          const block = index.customers.get('C1');
          if (!block) throw new Error('no block');
          const check = () => {
            for (let k = 1; k <= 6; k++) {
              const amount = k * 1_000 - (k % 2) * 500;
              const brute = seqsOf(block).filter((s) => index.residual[s] === amount);
              expect(index.openWithAmount(block, amount)).toEqual(brute);
              expect(index.oldestWithAmount(block, amount)).toBe(brute[0] ?? -1);
              if (brute[0] !== undefined) expect(index.othersWithAmount(block, amount, brute[0])).toEqual(brute.slice(1));
            }
            expect(index.openWithAmount(block, 0)).toEqual([]);
          };
          check();
          for (const [at, k] of payments) {
            const seq = block.start + (at % (block.end - block.start));
            const open = index.residual[seq] as number;
            if (open > 500) index.apply(seq, Math.min(k * 500, open - 500));
          }
          check();
        },
      ),
      { numRuns: 60 },
    );
  });
  it('keeps the items of each customer oldest first: due date, issue date, invoice id', () => {
    const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const date = fc.constantFrom('2026-04-30', '2026-05-31', '2026-05-09', '2027-01-01', '2025-12-31', '9999-12-31', '9999-12-30');
    fc.assert(
      fc.property(
        fc.array(fc.tuple(date, date, fc.constantFrom('A-1', 'A-10', 'A-2', 'B-1', 'a-1')), { minLength: 1, maxLength: 30 }),
        fc.boolean(),
        (rows, odd) => {
          const items = rows.map(([due, issue, id], i) =>
            invoice(`${id}-${i}`, 'C1', 1_000, { dueDate: odd && i === 0 ? '2026/5/31' : due, issueDate: issue }),
          );
          const expected = [...items].sort(
            (a, b) => text(a.dueDate, b.dueDate) || text(a.issueDate, b.issueDate) || text(a.invoiceId, b.invoiceId),
          );
          const index = new OpenItemIndex(items);
          const block = index.customers.get('C1');
          expect(seqsOf(block).map((s) => index.item(s))).toEqual(expected);
          expect(seqsOf(block)).toEqual(items.map((_, i) => i));
          expect(seqsOf(block).map((s) => index.invoiceId(s))).toEqual(expected.map((i) => i.invoiceId));
        },
      ),
    );
  });
  it('orders by issue date under a far-future due date (9999-12-31 stands for "none" in many exports)', () => {
    const a = invoice('A', 'C1', 1_000, { dueDate: '9999-12-31', issueDate: '2026-05-04' });
    const b = invoice('B', 'C1', 1_000, { dueDate: '9999-12-31', issueDate: '2026-05-03' });
    const index = new OpenItemIndex([a, b]);
    expect(seqsOf(index.customers.get('C1')).map((s) => index.invoiceId(s))).toEqual(['B', 'A']);
  });
});
