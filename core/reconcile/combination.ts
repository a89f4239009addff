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

/**
 * One search's state. Shared by every call (the search is synchronous and never re-entered),
 * and walked by top-level functions rather than closures made per call: tens of thousands of
 * searches a run would each make their closures anew.
 */
interface Search {
  n: number;
  maxItems: number;
  budget: number;
  exhausted: boolean;
  targets: readonly number[];
  minTarget: number;
  maxTarget: number;
  solutions: { indexes: number[]; total: number }[];
  /** Positions of the amounts, largest first. */
  order: Int32Array;
  /** The amounts in that order. */
  values: Float64Array;
  /** prefix[k] = values[0] + … + values[k-1]. */
  prefix: Float64Array;
  /** Positions (into values) on the current search path. */
  chosen: Int32Array;
}

// Scratch arrays shared by every call: a typed array above 64 bytes gets a separately
// allocated buffer, too dear 25,000 times a run.
const state: Search = {
  n: 0,
  maxItems: 0,
  budget: 0,
  exhausted: false,
  targets: [],
  minTarget: 0,
  maxTarget: 0,
  solutions: [],
  order: new Int32Array(64),
  values: new Float64Array(64),
  prefix: new Float64Array(65),
  chosen: new Int32Array(8),
};

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
  const s = state;
  if (n > s.values.length) {
    const size = Math.max(n, s.values.length * 2);
    s.order = new Int32Array(size);
    s.values = new Float64Array(size);
    s.prefix = new Float64Array(size + 1);
  }
  if (maxItems > s.chosen.length) s.chosen = new Int32Array(maxItems);
  // Positions by amount, largest first; equal amounts keep their order. An insertion sort into
  // typed arrays: a customer has a few dozen open items, and this runs for tens of thousands
  // of deposits, where a comparator sort's closures and boxed arrays cost more than the search.
  const { order, values, prefix } = s;
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
  s.n = n;
  s.maxItems = maxItems;
  s.budget = search.nodeBudget ?? 20_000;
  s.exhausted = false;
  s.targets = search.targets;
  s.minTarget = minTarget;
  s.maxTarget = maxTarget;
  s.solutions = [];
  dfs(s, 0, 0, 0);
  return { solutions: s.solutions, exhausted: s.exhausted };
}

function solve(s: Search, depth: number, total: number): void {
  const indexes: number[] = [];
  for (let d = 0; d < depth; d++) indexes.push(s.order[s.chosen[d] as number] as number);
  s.solutions.push({ indexes, total });
}

/** `depth` amounts are chosen (chosen[0…depth-1]), adding up to `sum`. */
function dfs(s: Search, start: number, depth: number, sum: number): void {
  if (--s.budget < 0) {
    s.exhausted = true;
    return;
  }
  // The window of targets is narrow (a payment and the same less a fee): most sums miss it.
  if (depth >= 2 && sum >= s.minTarget && sum <= s.maxTarget && s.targets.includes(sum)) {
    solve(s, depth, sum);
    if (s.solutions.length >= 2) return;
  }
  if (depth >= s.maxItems) return;
  const { n, values, prefix } = s;
  const room = s.maxItems - depth;
  const from = firstAtMost(values, n, s.maxTarget - sum, start);
  // One amount to go: the leaves are most of the tree, and a leaf only asks whether its sum is
  // a target. They are checked here, each charged to the budget as a visit, without a call each.
  if (room === 1 && depth >= 1) {
    leaves(s, from, depth, sum);
    return;
  }
  for (let k = from; k < n; k++) {
    // The largest amounts left fall short: so do all smaller ones.
    if (sum + (prefix[Math.min(k + room, n)] as number) - (prefix[k] as number) < s.minTarget) return;
    s.chosen[depth] = k;
    dfs(s, k + 1, depth + 1, sum + (values[k] as number));
    if (s.solutions.length >= 2 || s.exhausted) return;
  }
}

/** dfs's leaf calls below a node with one amount to go, inlined: the same visits, budget and solutions. */
function leaves(s: Search, from: number, depth: number, sum: number): void {
  const { n, values, targets } = s;
  for (let k = from; k < n; k++) {
    const total = sum + (values[k] as number);
    if (total < s.minTarget) return;
    if (--s.budget < 0) {
      s.exhausted = true;
      return;
    }
    if (targets.includes(total)) {
      s.chosen[depth] = k;
      solve(s, depth + 1, total);
      if (s.solutions.length >= 2) return;
    }
  }
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
