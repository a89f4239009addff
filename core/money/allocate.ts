import { assertYen, type Yen } from './yen.js';

/**
 * Splits `total` yen in proportion to integer `weights`, keeping the total exactly
 * (largest remainder; ties go to the earlier share). Shares are never off by a yen or more
 * from their exact proportion.
 * @example allocate(100, [1, 1, 1]) // [34, 33, 33]
 */
export function allocate(total: Yen, weights: readonly number[]): Yen[] {
  assertYen(total, 'allocate');
  if (weights.length === 0) throw new RangeError('allocate: no weights');
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) {
    throw new RangeError('allocate: weights must be non-negative integers');
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) throw new RangeError('allocate: weights sum to zero');
  const negative = total < 0;
  const t = BigInt(Math.abs(total));
  const s = BigInt(sum);
  const shares = weights.map((w) => (t * BigInt(w)) / s);
  const remainders = weights.map((w, i) => ({ i, r: (t * BigInt(w)) % s }));
  let left = t - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares.map((v) => (negative && v !== 0n ? -Number(v) : Number(v)));
}
