/**
 * Reads the reference copies of the official 国税庁 / 協会けんぽ / 厚労省 tables kept in
 * `test/reference/jp/` (unchanged copies; sources and licences in its README). The tests that
 * check our own rate tables cell by cell read them through here. A missing file fails the test
 * that needs it: those checks are the proof that the shipped tables are right, so they never skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compareRates, rate, type Rate } from '../../core/money/rate.js';

const FOLDER = new URL('./jp/', import.meta.url);

export function readReference<T>(name: string): T {
  const path = fileURLToPath(new URL(name, FOLDER));
  if (!existsSync(path)) {
    throw new Error(`reference table ${name} is missing from test/reference/jp/ (looked for ${path})`);
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

/** A float rate as stored in the reference JSON (e.g. 0.020419999999999997) → exact integer per 100,000. */
export function per100k(rate: number): number {
  const n = Math.round(rate * 100_000);
  if (Math.abs(n - rate * 100_000) > 1e-6) throw new Error(`rate ${rate} is not a whole number per 100,000`);
  return n;
}

export interface MonthlyReference {
  rules: { below_minimum: { threshold: number; kou: number } };
  brackets: { from: number; to: number; kou: number[]; otsu: number }[];
  high_income_anchors: {
    amount: number;
    kou: number[];
    otsu?: number;
    kou_rate_above?: number;
    kou_rate_above_per_100k?: number;
    otsu_rate_above?: number;
    otsu_rate_above_per_100k?: number;
  }[];
}

export interface BonusBand {
  from: number;
  to: number | null;
  rate?: number;
  rate_per_100k?: number;
}

export interface BonusReference {
  kou: BonusBand[][];
  otsu: BonusBand[];
}

export function bandRate(b: BonusBand): number {
  return b.rate_per_100k ?? per100k(b.rate ?? Number.NaN);
}
