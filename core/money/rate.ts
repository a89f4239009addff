/**
 * Exact rates. A rate is an integer numerator over an integer denominator, never a float:
 * 9.85 % is 9850 / 100000, 5/1000 is 5 / 1000, 10.21 % is 10210 / 100000.
 * Write rates in tables as decimal strings (`percent('9.85')`) so the source figure is visible.
 */
import type { Rounding } from './rounding.js';
import { assertYen, type Yen } from './yen.js';

export interface Rate {
  /** Numerator (may be 0; negative only for deliberate adjustments). */
  readonly num: number;
  /** Denominator, a positive integer. */
  readonly den: number;
}

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** A rate num/den, reduced. Both must be safe integers, den > 0. */
export function rate(num: number, den: number): Rate {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den <= 0) {
    throw new RangeError(`rate: ${num}/${den} is not an exact integer ratio`);
  }
  const g = gcd(num, den) || 1;
  return Object.freeze({ num: num / g, den: den / g });
}

/** Parses a decimal string exactly: `'9.85'` → 985/100 of `scale`. */
function decimal(text: string, scale: number): Rate {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) throw new RangeError(`rate: '${text}' is not a decimal number`);
  const fraction = m[3] ?? '';
  const digits = Number(`${m[2]}${fraction}`);
  const den = scale * 10 ** fraction.length;
  return rate(m[1] === '-' ? -digits : digits, den);
}

/** A percentage given as a decimal string: `percent('9.85')` = 9.85 %. */
export function percent(text: string): Rate {
  return decimal(text, 100);
}

/** A per-mille rate given as a decimal string: `perMille('5.5')` = 5.5/1000. */
export function perMille(text: string): Rate {
  return decimal(text, 1000);
}

export const ZERO_RATE: Rate = rate(0, 1);

export function addRates(a: Rate, b: Rate): Rate {
  return rate(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function subtractRates(a: Rate, b: Rate): Rate {
  return rate(a.num * b.den - b.num * a.den, a.den * b.den);
}

export function multiplyRates(a: Rate, b: Rate): Rate {
  return rate(a.num * b.num, a.den * b.den);
}

export function compareRates(a: Rate, b: Rate): number {
  const l = BigInt(a.num) * BigInt(b.den);
  const r = BigInt(b.num) * BigInt(a.den);
  return l < r ? -1 : l > r ? 1 : 0;
}

/** The rate as a percentage string for display, e.g. `'9.85%'` (exact, no float noise). */
export function formatPercent(r: Rate): string {
  // num/den × 100 as an exact decimal, if it terminates within 6 places; else a fraction.
  for (let places = 0; places <= 6; places++) {
    const scaled = BigInt(r.num) * 100n * 10n ** BigInt(places);
    if (scaled % BigInt(r.den) === 0n) {
      const v = scaled / BigInt(r.den);
      const neg = v < 0n;
      const s = (neg ? -v : v).toString().padStart(places + 1, '0');
      const intPart = s.slice(0, s.length - places);
      const frac = places ? `.${s.slice(s.length - places)}` : '';
      return `${neg ? '-' : ''}${intPart}${frac}%`;
    }
  }
  return `${r.num}/${r.den}`;
}

/**
 * `amount × rate`, rounded by the named rule. Exact for any safe-integer yen amount:
 * the product is taken in BigInt, so 10¹² × 45.945 % loses nothing.
 * @example applyRate(134000, percent('9.85'), halfUp) // 13199
 */
export function applyRate(amount: Yen, r: Rate, rounding: Rounding): Yen {
  assertYen(amount, 'applyRate');
  return toYen(rounding.apply(BigInt(amount) * BigInt(r.num), BigInt(r.den)));
}

/**
 * `amount × rate ÷ divisor`, rounded once. Used for shares: the employee half of a premium is
 * `standard × rate ÷ 2`, rounded only after halving.
 * @example applyRateShare(134000, percent('9.85'), 2, employeeShareDeduction) // 6599 (6,599.5)
 */
export function applyRateShare(amount: Yen, r: Rate, divisor: number, rounding: Rounding): Yen {
  assertYen(amount, 'applyRateShare');
  if (!Number.isSafeInteger(divisor) || divisor <= 0) throw new RangeError('applyRateShare: divisor must be a positive integer');
  return toYen(rounding.apply(BigInt(amount) * BigInt(r.num), BigInt(r.den) * BigInt(divisor)));
}

/** `num / den` yen, rounded by the named rule (e.g. annual ÷ 12, wage ÷ hours). */
export function divideYen(num: Yen | bigint, den: number | bigint, rounding: Rounding): Yen {
  const n = typeof num === 'bigint' ? num : BigInt(num);
  const d = typeof den === 'bigint' ? den : BigInt(den);
  if (d <= 0n) throw new RangeError('divideYen: divisor must be positive');
  return toYen(rounding.apply(n, d));
}

/** Rounds an integer yen amount to the rule's unit (e.g. floorTo1000 of a bonus). */
export function roundYen(amount: Yen, rounding: Rounding): Yen {
  assertYen(amount, 'roundYen');
  return toYen(rounding.apply(BigInt(amount), 1n));
}

function toYen(v: bigint): Yen {
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError('amount exceeds the safe integer range');
  }
  return Number(v);
}
