/**
 * Reads the shared reference extractions of the official NTA tables (kept beside the repository in
 * `shared/data/jp/`, never copied into it). A missing file fails the test that needs it: the
 * cell-by-cell checks are the proof that the shipped tables are right, so they must not skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SHARED = new URL('../../../../../shared/data/jp/', import.meta.url);

export function readReference<T>(name: string): T {
  const path = fileURLToPath(new URL(name, SHARED));
  if (!existsSync(path)) {
    throw new Error(
      `shared reference data is needed: ${name} not found at ${path} (the repository's sibling folder shared/data/jp/ must be present)`,
    );
  }
  return JSON.parse(readFileSync(path, 'utf8')) as T;
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
