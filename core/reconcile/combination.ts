/**
 * One payment for several invoices of one customer (合算入金): a bounded subset-sum inside the
 * customer's block. It stops at the second solution, because two ways to explain a payment mean
 * a person must choose (beancount-import caps subsets at 4; we allow 5 with a node budget).
 */

export interface CombinationSearch {
  /** Open amounts, any order. */
  readonly amounts: readonly number[];
  /** Totals that would explain the payment (the deposit, or the deposit plus a fee). */
  readonly targets: ReadonlySet<number>;
  readonly maxItems?: number;
  readonly nodeBudget?: number;
}

export interface CombinationResult {
  /** Up to two solutions, as index lists into `amounts`, each with the total it reached. */
  readonly solutions: { indexes: number[]; total: number }[];
  /** True when the node budget ran out before the search finished (then nothing is certain). */
  readonly exhausted: boolean;
}

/**
 * Finds subsets of 2…maxItems amounts that sum to one of the targets, stopping at the second.
 * @example findCombinations({ amounts: [1000, 2000, 5000], targets: new Set([3000]) }).solutions // [{indexes:[1,0], total:3000}]
 */
export function findCombinations(search: CombinationSearch): CombinationResult {
  const maxItems = search.maxItems ?? 5;
  let budget = search.nodeBudget ?? 20_000;
  const order = search.amounts.map((a, i) => [a, i] as const).sort((x, y) => y[0] - x[0]);
  const values = order.map(([a]) => a);
  // best[k][m]: the largest total m more amounts can add from position k on (values are sorted
  // descending, so it is the sum of the next m). If even that cannot reach the smallest target,
  // nothing below this node can.
  const best: number[][] = [];
  for (let k = 0; k <= values.length; k++) {
    const row = [0];
    for (let m = 1; m <= maxItems; m++) row.push((row[m - 1] ?? 0) + (values[k + m - 1] ?? 0));
    best.push(row);
  }
  let maxTarget = 0;
  let minTarget = Number.POSITIVE_INFINITY;
  for (const t of search.targets) {
    maxTarget = Math.max(maxTarget, t);
    minTarget = Math.min(minTarget, t);
  }
  const solutions: { indexes: number[]; total: number }[] = [];
  const chosen: number[] = [];
  let exhausted = false;

  const dfs = (start: number, sum: number): void => {
    if (solutions.length >= 2 || exhausted) return;
    if (--budget < 0) {
      exhausted = true;
      return;
    }
    if (chosen.length >= 2 && search.targets.has(sum)) {
      solutions.push({ indexes: chosen.map((k) => order[k]?.[1] ?? -1), total: sum });
      if (solutions.length >= 2) return;
    }
    if (chosen.length >= maxItems) return;
    for (let k = firstAtMost(values, maxTarget - sum, start); k < values.length; k++) {
      const v = values[k] ?? 0;
      if (sum + (best[k]?.[maxItems - chosen.length] ?? 0) < minTarget) return; // the largest amounts left fall short
      chosen.push(k);
      dfs(k + 1, sum + v);
      chosen.pop();
      if (solutions.length >= 2 || exhausted) return;
    }
  };
  dfs(0, 0);
  return { solutions, exhausted };
}

/** First index ≥ from whose value is ≤ limit, in a descending array (binary search). */
function firstAtMost(values: readonly number[], limit: number, from: number): number {
  let lo = from;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] ?? 0) > limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
