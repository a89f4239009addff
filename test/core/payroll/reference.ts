/**
 * Reads the shared reference copies of the official 協会けんぽ / 厚労省 figures (kept beside the
 * repository in `shared/data/jp/`, never copied into it). A missing file fails the test that
 * needs it: the cell-by-cell checks prove the shipped tables, so they must never skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareRates, rate, type Rate } from '../../../core/money/rate.js';

const SHARED = new URL('../../../../shared/data/jp/', import.meta.url);

export function readShared<T>(name: string): T {
  const path = fileURLToPath(new URL(name, SHARED));
  if (!existsSync(path)) {
    throw new Error(`shared reference data is needed: ${name} not found at ${path} (the sibling folder shared/data/jp/ must be present)`);
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

/** A decimal written in a file ('8720.8', 0.0985) as an exact ratio — the file's own digits, no float arithmetic. */
export function exact(value: string | number): Rate {
  const text = typeof value === 'number' ? String(value) : value;
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) throw new Error(`not a plain decimal: ${text}`);
  const frac = m[3] ?? '';
  return rate(Number(`${m[1]}${m[2]}${frac}`), 10 ** frac.length);
}

/** yen × rate as an exact ratio. */
export function times(yen: number, r: Rate): Rate {
  return rate(yen * r.num, r.den);
}

export function same(a: Rate, b: Rate): boolean {
  return compareRates(a, b) === 0;
}
