import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCombinations } from '../../../core/reconcile/combination.js';
import { combinationLimit, MAX_COMBINATION } from '../../../core/reconcile/limits.js';

describe('findCombinations', () => {
  it('finds the single subset that sums to the target', () => {
    const r = findCombinations({ amounts: [1_000, 2_000, 5_000, 9_000], targets: [7_000] });
    expect(r.solutions.map((s) => s.indexes.sort())).toEqual([[1, 2]]);
  });
  it('stops at the second solution', () => {
    // 1+4 = 2+3 = 5 (thousands); 1+… other subsets are not searched past the second hit.
    const r = findCombinations({ amounts: [1_000, 2_000, 3_000, 4_000], targets: [5_000] });
    expect(r.solutions).toHaveLength(2);
  });
  it('reaches a target that includes a fee', () => {
    const r = findCombinations({ amounts: [10_000, 20_440, 7_000], targets: [30_000, 30_440] });
    expect(r.solutions).toEqual([{ indexes: [1, 0], total: 30_440 }]);
  });
  it('does not take more than maxItems invoices', () => {
    const r = findCombinations({ amounts: [1, 1, 1, 1, 1, 1], targets: [6], maxItems: 5 });
    expect(r.solutions).toEqual([]);
  });
  it('ignores single amounts (those are the exact pass)', () => {
    expect(findCombinations({ amounts: [5_000], targets: [5_000] }).solutions).toEqual([]);
  });
  it('searches lists longer than its scratch space', () => {
    const amounts = Array.from({ length: 100 }, (_, i) => 1_000_000 + i * 1_000);
    const r = findCombinations({ amounts, targets: [amounts[0] ?? 0, (amounts[98] ?? 0) + (amounts[99] ?? 0)] });
    expect(r.solutions).toEqual([{ indexes: [99, 98], total: 2_197_000 }]);
  });
  it('takes no limit, or one above the number of amounts, as all of them', () => {
    const amounts = [1_000, 2_000, 3_000, 4_000, 5_000, 6_000, 7_000];
    const all = findCombinations({ amounts, targets: [28_000], maxItems: 7 });
    expect(all.solutions).toEqual([{ indexes: [6, 5, 4, 3, 2, 1, 0], total: 28_000 }]);
    for (const maxItems of [Number.POSITIVE_INFINITY, Number.NaN, 100]) {
      expect(findCombinations({ amounts, targets: [28_000], maxItems })).toEqual(all);
    }
    expect(findCombinations({ amounts, targets: [3_000], maxItems: 1.5 }).solutions).toEqual([{ indexes: [1, 0], total: 3_000 }]);
  });
  it('reports an exhausted node budget', () => {
    const amounts = Array.from({ length: 40 }, (_, i) => 1_000 + i * 7);
    expect(findCombinations({ amounts, targets: [1], nodeBudget: 10 }).exhausted).toBe(false);
    expect(findCombinations({ amounts, targets: [5_000_000], nodeBudget: 10 }).exhausted).toBe(false);
    expect(findCombinations({ amounts, targets: [4_100], nodeBudget: 50 }).exhausted).toBe(true);
  });
  it('finds a solution exactly when one exists, each a real subset of 2–5 amounts reaching a target', () => {
    // Against every subset, counted by brute force on small lists (repeated amounts included).
    const subsetsReaching = (amounts: number[], targets: Set<number>) => {
      let count = 0;
      for (let mask = 0; mask < 1 << amounts.length; mask++) {
        const picked = amounts.filter((_, i) => mask & (1 << i));
        if (picked.length >= 2 && picked.length <= 5 && targets.has(picked.reduce((a, b) => a + b, 0))) count++;
      }
      return count;
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 1, max: 12 }).map((k) => k * 1_000),
          { maxLength: 9 },
        ),
        fc.uniqueArray(
          fc.integer({ min: 1, max: 40 }).map((k) => k * 1_000),
          { minLength: 1, maxLength: 2 },
        ),
        (amounts, targetList) => {
          const targets = new Set(targetList);
          const r = findCombinations({ amounts, targets: targetList });
          const truth = subsetsReaching(amounts, targets);
          expect(r.exhausted).toBe(false);
          expect(r.solutions.length).toBe(Math.min(truth, 2));
          for (const s of r.solutions) {
            expect(new Set(s.indexes).size).toBe(s.indexes.length);
            expect(s.indexes.length).toBeGreaterThanOrEqual(2);
            expect(s.indexes.reduce((sum, i) => sum + (amounts[i] ?? Number.NaN), 0)).toBe(s.total);
            expect(targets.has(s.total)).toBe(true);
          }
        },
      ),
    );
  });
  it('gives what a plain depth-first search visiting every node gives, node budget included (property)', () => {
    // The search takes the last amount of each subset by binary search and charges the budget
    // for the leaves it skipped: solutions, their order and exhaustion must all be the same.
    const plain = (amounts: number[], targets: number[], maxItems: number, nodeBudget: number) => {
      const order = amounts.map((v, i) => ({ v, i })).sort((a, b) => b.v - a.v || a.i - b.i);
      const solutions: { indexes: number[]; total: number }[] = [];
      let budget = nodeBudget;
      let exhausted = false;
      const min = Math.min(...targets);
      const max = Math.max(...targets);
      const path: number[] = [];
      const dfs = (start: number, sum: number): void => {
        if (--budget < 0) {
          exhausted = true;
          return;
        }
        if (path.length >= 2 && targets.includes(sum)) {
          solutions.push({ indexes: path.map((k) => order[k]?.i ?? -1), total: sum });
          if (solutions.length >= 2) return;
        }
        if (path.length >= maxItems) return;
        const room = maxItems - path.length;
        for (let k = start; k < order.length; k++) {
          const v = order[k]?.v ?? 0;
          if (v > max - sum) continue;
          const best = order.slice(k, k + room).reduce((a, x) => a + x.v, 0);
          if (sum + best < min) return;
          path.push(k);
          dfs(k + 1, sum + v);
          path.pop();
          if (solutions.length >= 2 || exhausted) return;
        }
      };
      dfs(0, 0);
      return { solutions, exhausted };
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.integer({ min: 1, max: 30 }).map((k) => k * 100),
          { maxLength: 24 },
        ),
        fc.array(
          fc.integer({ min: 1, max: 120 }).map((k) => k * 100),
          { minLength: 1, maxLength: 4 },
        ),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 400 }),
        (amounts, targets, maxItems, nodeBudget) => {
          expect(findCombinations({ amounts, targets, maxItems, nodeBudget })).toEqual(plain(amounts, targets, maxItems, nodeBudget));
        },
      ),
      { numRuns: 3_000 },
    );
  });
});

describe("combinationLimit: a user's 組合せ上限 as the engine takes it", () => {
  it('keeps a whole number from 1 to 5, clamps one outside, and gives the default for anything else', () => {
    expect([1, 3, 5, '2', ' 4 '].map(combinationLimit)).toEqual([1, 3, 5, 2, 4]);
    expect([0, -2, 9, '12'].map(combinationLimit)).toEqual([1, 1, 5, 5]);
    expect([undefined, null, '', 'x', 2.5, '2.5'].map(combinationLimit)).toEqual([5, 5, 5, 5, 5, 5]);
    expect(MAX_COMBINATION).toBe(5);
  });
});
