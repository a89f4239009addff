/**
 * Yen are integers (JPY has no minor unit in practice). Every amount in a money path is a
 * safe integer; anything else is a programming error, caught at the boundary.
 */
export type Yen = number;

export function isYen(value: unknown): value is Yen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function assertYen(value: number, where: string): asserts value is Yen {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${where}: ${value} is not a whole yen amount`);
}

/** Sum of yen amounts, checked to stay exact. */
export function sumYen(amounts: Iterable<Yen>): Yen {
  let total = 0;
  for (const a of amounts) {
    assertYen(a, 'sumYen');
    total += a;
  }
  assertYen(total, 'sumYen');
  return total;
}

/** 12,345 → "12,345"; −500 → "-500". For display only. */
export function formatYen(amount: Yen): string {
  assertYen(amount, 'formatYen');
  const s = Math.abs(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return amount < 0 ? `-${s}` : s;
}

/**
 * 12,345 → "12,345"; −500 → "△500": the minus as Japanese ledgers and statements print it.
 * @example formatYenTriangle(-50_000) // '△50,000'
 */
export function formatYenTriangle(amount: Yen): string {
  const s = formatYen(Math.abs(amount));
  return amount < 0 ? `△${s}` : s;
}
