/**
 * The table method (月額表): look the amount up in the printed table, exactly as a person with the
 * NTA booklet would. Rows are searched by bisection (O(log n)); no table is built per call.
 */
import { applyRate } from '../../money/rate.js';
import { floor } from '../../money/rounding.js';
import type { Yen } from '../../money/yen.js';
import { lastAtOrBelow } from './search.js';
import type { MonthlyTable, TaxColumn } from './types.js';

/**
 * 月額表 amount for A (その月の社会保険料等控除後の給与等の金額).
 * 甲 with more than 7 dependants: the 7人 amount less 1,610 per further person, never below 0
 * (月額表 備考). Above 740,000 the printed amount at the breakpoint plus the excess × rate, 1円未満切捨て
 * (NTA example 775,200円/3人 → 52,290 + 35,200 × 20.42 % = 59,477.84 → 59,477).
 * @example taxFromMonthlyTable(monthlyTableR8, 175_000, 2, 'kou') // 250
 */
export function taxFromMonthlyTable(table: MonthlyTable, taxable: Yen, dependents: number, column: TaxColumn): Yen {
  if (column === 'otsu') return otsuTax(table, taxable);
  if (taxable < table.start) return 0;
  const k = Math.min(dependents, 7);
  const extra = dependents > 7 ? (dependents - 7) * table.perDependantOverSeven : 0;
  const amount = kouTax(table, taxable, k);
  return amount > extra ? amount - extra : 0;
}

function kouTax(table: MonthlyTable, taxable: Yen, k: number): Yen {
  const anchors = table.kouAnchors;
  const a = lastAtOrBelow(anchors.length, (i) => (anchors[i] as (typeof anchors)[number]).from, taxable);
  if (a >= 0) {
    const anchor = anchors[a] as (typeof anchors)[number];
    return (anchor.amounts[k] as number) + applyRate(taxable - anchor.from, anchor.rate, floor);
  }
  const row = findRow(table, taxable);
  return row[2 + k] as number;
}

function otsuTax(table: MonthlyTable, taxable: Yen): Yen {
  if (taxable < table.start) return applyRate(taxable, table.otsuRateBelowStart, floor);
  const anchors = table.otsuAnchors;
  const a = lastAtOrBelow(anchors.length, (i) => (anchors[i] as (typeof anchors)[number]).from, taxable);
  if (a >= 0) {
    const anchor = anchors[a] as (typeof anchors)[number];
    return anchor.amount + applyRate(taxable - anchor.from, anchor.rate, floor);
  }
  return findRow(table, taxable)[10];
}

function findRow(table: MonthlyTable, taxable: Yen) {
  const rows = table.rows;
  const i = lastAtOrBelow(rows.length, (j) => (rows[j] as (typeof rows)[number])[0], taxable);
  const row = rows[i];
  // The data tests prove the rows are contiguous from `start` to the first anchor; reaching here
  // with no row means the table data itself is broken.
  if (!row || taxable >= row[1]) throw new RangeError(`月額表: no row for ${taxable}`);
  return row;
}
