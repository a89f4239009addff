/**
 * One payment for several invoices of one customer (合算入金): a bounded subset-sum inside the
 * customer's block. It stops at the second solution, because two ways to explain a payment mean
 * a person must choose (beancount-import caps subsets at 4; we allow 5 with a node budget).
 */

export interface CombinationSearch {
  /** Open amounts, any order. */
  readonly amounts: readonly number[];
  /** Totals that would explain the payment (the deposit, or the deposit plus a fee). */
  readonly targets: readonly number[];
  readonly maxItems?: number;
  readonly nodeBudget?: number;
}

export interface CombinationResult {
  /** Up to two solutions, as index lists into `amounts`, each with the total it reached. */
  readonly solutions: { indexes: number[]; total: number }[];
  /** True when the node budget ran out before the search finished (then nothing is certain). */
  readonly exhausted: boolean;
}

interface Scratch {
  /** Positions of the amounts, largest first. */
  readonly order: Int32Array;
  /** The amounts in that order. */
  readonly values: Float64Array;
  /** prefix[k] = values[0] + … + values[k-1]. */
  readonly prefix: Float64Array;
  /** Positions (into values) on the current search path. */
  readonly chosen: Int32Array;
}

function scratchFor(n: number, maxItems: number): Scratch {
  return {
    order: new Int32Array(n),
    values: new Float64Array(n),
    prefix: new Float64Array(n + 1),
    chosen: new Int32Array(Math.max(maxItems, 8)),
  };
}

let scratch = scratchFor(64, 8);

/**
 * Finds subsets of 2…maxItems amounts that sum to one of the targets, stopping at the second.
 * @example findCombinations({ amounts: [1000, 2000, 5000], targets: [3000] }).solutions // [{indexes:[1,0], total:3000}]
 */
export function findCombinations(search: CombinationSearch): CombinationResult {
  const amounts = search.amounts;
  const n = amounts.length;
  // More items than there are amounts (or no limit at all) is the same as all of them.
  const limit = search.maxItems ?? 5;
  const maxItems = Number.isNaN(limit) ? n : Math.max(0, Math.min(Math.ceil(limit), n));
  let budget = search.nodeBudget ?? 20_000;
  // Positions by amount, largest first; equal amounts keep their order. An insertion sort into
  // typed arrays: a customer has a few dozen open items, and this runs for tens of thousands
  // of deposits, where a comparator sort's closures and boxed arrays cost more than the search.
  // Scratch arrays shared by every call (the search is synchronous and never re-entered): a
  // typed array above 64 bytes gets a separately allocated buffer, too dear 25,000 times a run.
  if (n > scratch.values.length || maxItems > scratch.chosen.length) scratch = scratchFor(Math.max(n, scratch.values.length * 2), maxItems);
  const { order, values, prefix, chosen } = scratch;
  for (let i = 0; i < n; i++) {
    const v = amounts[i] ?? 0;
    let k = i;
    while (k > 0 && (values[k - 1] as number) < v) {
      values[k] = values[k - 1] as number;
      order[k] = order[k - 1] as number;
      k--;
    }
    values[k] = v;
    order[k] = i;
  }
  // prefix[k] = values[0] + … + values[k-1]. The largest total m more amounts can add from
  // position k on is the sum of the next m (values are sorted descending); if even that cannot
  // reach the smallest target, nothing below this node can.
  prefix[0] = 0;
  for (let k = 0; k < n; k++) prefix[k + 1] = (prefix[k] as number) + (values[k] as number);
  let maxTarget = 0;
  let minTarget = Number.POSITIVE_INFINITY;
  for (const t of search.targets) {
    maxTarget = Math.max(maxTarget, t);
    minTarget = Math.min(minTarget, t);
  }
  const solutions: { indexes: number[]; total: number }[] = [];
  let exhausted = false;

  // `depth` amounts are chosen (chosen[0…depth-1]), adding up to `sum`.
  const dfs = (start: number, depth: number, sum: number): void => {
    if (--budget < 0) {
      exhausted = true;
      return;
    }
    // The window of targets is narrow (a payment and the same less a fee): most sums miss it.
    if (depth >= 2 && sum >= minTarget && sum <= maxTarget && search.targets.includes(sum)) {
      const indexes: number[] = [];
      for (let d = 0; d < depth; d++) indexes.push(order[chosen[d] as number] as number);
      solutions.push({ indexes, total: sum });
      if (solutions.length >= 2) return;
    }
    if (depth >= maxItems) return;
    const room = maxItems - depth;
    for (let k = firstAtMost(values, n, maxTarget - sum, start); k < n; k++) {
      // The largest amounts left fall short: so do all smaller ones.
      if (sum + (prefix[Math.min(k + room, n)] as number) - (prefix[k] as number) < minTarget) return;
      chosen[depth] = k;
      dfs(k + 1, depth + 1, sum + (values[k] as number));
      if (solutions.length >= 2 || exhausted) return;
    }
  };
  dfs(0, 0, 0);
  return { solutions, exhausted };
}

/** First index in from…n-1 whose value is ≤ limit, in a descending array (binary search). */
function firstAtMost(values: Float64Array, n: number, limit: number, from: number): number {
  let lo = from;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((values[mid] as number) > limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
