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
  const shares = largestRemainder(
    t,
    weights.map((w) => t * BigInt(w)),
    BigInt(sum),
  );
  return shares.map((v) => (negative && v !== 0n ? -Number(v) : Number(v)));
}

/**
 * `total` split as nums[i] / den (den > 0), each rounded down, the yen left over given one each
 * to the largest remainders (ties to the earlier share): the shares add up to `total` exactly.
 */
function largestRemainder(total: bigint, nums: readonly bigint[], den: bigint): bigint[] {
  // Floor division (BigInt division truncates toward zero).
  const shares = nums.map((n) => (n % den !== 0n && n < 0n ? n / den - 1n : n / den));
  const remainders = nums.map((n, i) => ({ i, r: n - (shares[i] ?? 0n) * den }));
  let left = total - shares.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of remainders) {
    if (left === 0n) break;
    shares[i] = (shares[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return shares;
}

/**
 * Splits `total` yen in proportion to signed amounts (a sale and a return on one invoice), keeping
 * the total exactly: each share is the exact proportion total × aᵢ / Σa rounded down, and the
 * yen left over go to the largest remainders (ties to the earlier share). Σa must not be zero.
 * @example allocateSigned(900, [11_000, -1_100]) // [1000, -100]
 */
export function allocateSigned(total: Yen, amounts: readonly number[]): Yen[] {
  assertYen(total, 'allocateSigned');
  if (amounts.some((a) => !Number.isSafeInteger(a))) throw new RangeError('allocateSigned: amounts must be integers');
  let den = BigInt(amounts.reduce((a, b) => a + b, 0));
  if (den === 0n) throw new RangeError('allocateSigned: amounts sum to zero');
  const sign = den < 0n ? -1n : 1n;
  den *= sign;
  const shares = largestRemainder(
    BigInt(total),
    amounts.map((a) => BigInt(total) * BigInt(a) * sign),
    den,
  );
  return shares.map(Number);
}
