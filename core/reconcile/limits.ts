/** The user's limits on the 入金消込 engine, apart from it: a pane's settings import them without the engine. */

/**
 * Most invoices one payment may settle in a combination: the default, and the most a user may
 * set (the combination search grows quickly with it).
 */
export const MAX_COMBINATION = 5;

/**
 * A user's 組合せ上限 as the engine takes it: a whole number from 1 to MAX_COMBINATION, the
 * default for anything else.
 * @example combinationLimit('3') // 3
 */
export function combinationLimit(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? Math.min(MAX_COMBINATION, Math.max(1, n)) : MAX_COMBINATION;
}
