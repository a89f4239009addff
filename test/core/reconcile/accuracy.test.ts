/**
 * Accuracy on seeded ground truth (bench/reconcile-data.ts): every scenario of issue 4 —
 * half-width names with 法人略語 at start or end, folded small kana and long-vowel variants,
 * cut names, noise words, fee deductions, combined and partial payments, unrelated deposits,
 * namesakes and same-amount invoices.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate, generateDataset } from '../../../bench/reconcile-data.js';
import { matchDeposits } from '../../../core/reconcile/match.js';

describe('accuracy on generated statements with ground truth', () => {
  for (const seed of [42, 7]) {
    it(`seed ${seed}: auto precision ≥ 99.5%, auto recall ≥ 85%, truth among auto+suggested ≥ 95%`, () => {
      const ds = generateDataset({ seed, customers: 800, itemsPerCustomer: 6, deposits: 2_400 });
      const a = evaluate(matchDeposits(ds.lines, ds.items).decisions, ds.truth, ds.items);
      expect(a.deposits).toBe(2_400);
      expect(a.precision).toBeGreaterThanOrEqual(0.995);
      expect(a.recall).toBeGreaterThanOrEqual(0.85);
      expect(a.coverage).toBeGreaterThanOrEqual(0.95);
    });
  }

  it('is deterministic for a seed', () => {
    const a = generateDataset({ seed: 3, customers: 50, itemsPerCustomer: 4, deposits: 100 });
    const b = generateDataset({ seed: 3, customers: 50, itemsPerCustomer: 4, deposits: 100 });
    expect(b.lines).toEqual(a.lines);
    expect(matchDeposits(b.lines, b.items).decisions.map((d) => d.status)).toEqual(
      matchDeposits(a.lines, a.items).decisions.map((d) => d.status),
    );
  });

  it('produces every scenario the issue lists', () => {
    const ds = generateDataset({ seed: 42, customers: 800, itemsPerCustomer: 6, deposits: 2_400 });
    const scenarios = new Set([...ds.truth.values()].map((t) => t.scenario.split('+')[0]));
    const variants = new Set([...ds.truth.values()].flatMap((t) => t.scenario.split('+').slice(1)));
    expect([...scenarios].sort()).toEqual(['combined', 'exact', 'fee', 'partial', 'same-amount', 'unrelated']);
    expect([...variants].sort()).toEqual(['alias', 'alias-unregistered', 'cut', 'edi', 'fee', 'noise', 'va']);
    const payers = ds.lines.map((l) => l.payer).join('\n');
    expect(payers).toMatch(/^ｶ\)/m); // legal form at the start
    expect(payers).toMatch(/\(ｶ$/m); // … and at the end
    expect(payers).toMatch(/ﾖｳ|ﾔ|ﾕ/); // small kana written full size
    expect(payers).toMatch(/-/); // long vowel written as a hyphen
    expect(payers).toMatch(/^\d{1,7} /m); // 振込依頼人番号 in front
  });
});

describe('invariants (property)', () => {
  it('never over-applies an invoice, never uses a deposit twice, and balances every deposit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 5, max: 40 }), (seed, customers) => {
        const ds = generateDataset({ seed, customers, itemsPerCustomer: 4, deposits: customers * 2 });
        const { decisions, remaining } = matchDeposits(ds.lines, ds.items);
        const applied = new Map<string, number>();
        const lines = new Set<number>();
        for (const d of decisions) {
          expect(lines.has(d.line.line)).toBe(false);
          lines.add(d.line.line);
          const sum = d.allocations.reduce((s, a) => s + a.amount, 0);
          // applied − fee (deducted by the payer) + difference = deposit
          expect(sum - d.fee + d.difference).toBe(d.line.amount);
          if (d.status !== 'auto') continue;
          for (const a of d.allocations) {
            expect(a.amount).toBeGreaterThan(0);
            applied.set(a.invoiceId, (applied.get(a.invoiceId) ?? 0) + a.amount);
          }
        }
        for (const item of ds.items) {
          const used = applied.get(item.invoiceId) ?? 0;
          expect(used).toBeLessThanOrEqual(item.amount);
          expect(remaining.get(item.invoiceId)).toBe(item.amount - used);
        }
      }),
      { numRuns: 40 },
    );
  });
});
