/**
 * Bisection over sorted lower bounds, shared by the monthly table and the bonus rate table.
 * @example lastAtOrBelow(3, (i) => [0, 10, 20][i] ?? 0, 15) // 1
 */
export function lastAtOrBelow(count: number, from: (i: number) => number, value: number): number {
  let lo = 0;
  let hi = count - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (from(mid) <= value) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}
