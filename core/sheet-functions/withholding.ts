/**
 * Spreadsheet functions for 源泉所得税 (design §3.1): `WITHHOLDING` and `BONUSWITHHOLDING`.
 * Excel calls them as URA.WITHHOLDING, Sheets as URA_WITHHOLDING; both hosts pass raw cell values.
 * What the hosts show as help is each function's entry in catalog.ts; the comments here add only
 * what the code does beyond it.
 */
import { argumentError } from '../errors.js';
import { bonusWithholding, monthlyWithholding } from '../payroll/withholding/index.js';
import type { TaxColumn, WithholdingMethod } from '../payroll/withholding/index.js';
import { atRow, type CellValue, cellToDate, cellToInt, cellToYen, isBlank, type Matrix, optional, type SheetContext } from './cells.js';

const COLUMNS: Readonly<Record<string, TaxColumn>> = { 甲: 'kou', 甲欄: 'kou', kou: 'kou', 乙: 'otsu', 乙欄: 'otsu', otsu: 'otsu' };
const METHODS: Readonly<Record<string, WithholdingMethod>> = {
  table: 'table',
  月額表: 'table',
  税額表: 'table',
  computer: 'computer',
  電算機: 'computer',
  電算機計算の特例: 'computer',
};

/** 「甲」「乙」「kou」「otsu」; blank → 甲. */
export function cellToTaxColumn(v: CellValue, arg = 'column'): TaxColumn {
  if (isBlank(v)) return 'kou';
  const c = typeof v === 'string' ? COLUMNS[v.trim().toLowerCase()] : undefined;
  if (c) return c;
  throw argumentError(arg, v, '税額表の欄は「甲」か「乙」で指定してください', 'tax column must be "甲" (kou) or "乙" (otsu)');
}

/** "table" (月額表) or "computer" (電算機計算の特例); blank → table. */
export function cellToWithholdingMethod(v: CellValue, arg = 'method'): WithholdingMethod {
  if (isBlank(v)) return 'table';
  const m = typeof v === 'string' ? METHODS[v.trim().toLowerCase()] : undefined;
  if (m) return m;
  throw argumentError(arg, v, '計算方法は「table」か「computer」で指定してください', 'method must be "table" or "computer"');
}

const cellToDependents = (v: CellValue, arg: string) => (isBlank(v) ? 0 : cellToInt(v, arg, 0, 99));

/** One value per row of a one-column range, or the scalar itself for every row. */
function perRow(v: CellValue | Matrix, rows: number, arg: string): (i: number) => CellValue {
  if (!Array.isArray(v)) return () => v as CellValue;
  if (v.length !== rows || v.some((r) => r.length !== 1)) {
    throw argumentError(
      arg,
      `${v.length}×${v[0]?.length ?? 0}`,
      `${arg} は1列で金額の範囲と同じ行数にしてください`,
      `${arg} must be one column with as many rows as taxable`,
    );
  }
  return (i) => v[i]?.[0];
}

/**
 * WITHHOLDING and BONUSWITHHOLDING as of `today` (Tokyo, from the host): a blank pay_date is today.
 * @example withholdingFunctions({ today: '2026-05-25' }).WITHHOLDING(175000, 2) // 250
 */
export function withholdingFunctions({ today }: SheetContext) {
  /**
   * URA.WITHHOLDING. A one-column range of taxable gives a column, blank rows blank; dependents
   * and column may be one-column ranges of the same rows. A bad value names its row: taxable[row 5].
   * @example WITHHOLDING(175000, 2, "甲", "2026-05-25") // 250
   */
  function WITHHOLDING(
    taxable: CellValue | Matrix,
    dependents: CellValue | Matrix,
    column?: CellValue | Matrix,
    pay_date?: CellValue,
    method?: CellValue,
  ): number | (number | string)[][] {
    const payDate = optional(pay_date, today, (v) => cellToDate(v, 'pay_date'));
    const how = cellToWithholdingMethod(method);
    const one = (t: CellValue, d: CellValue, c: CellValue) => {
      const col = cellToTaxColumn(c);
      return monthlyWithholding({
        taxable: cellToYen(t, 'taxable'),
        dependents: cellToDependents(d, 'dependents'),
        column: col,
        payDate,
        method: how,
      });
    };
    if (!Array.isArray(taxable)) {
      if (Array.isArray(dependents) || Array.isArray(column)) {
        throw argumentError(
          'taxable',
          '',
          '扶養親族等の数や欄を範囲にするときは金額も範囲にしてください',
          'pass taxable as a range when dependents or column is a range',
        );
      }
      return one(taxable as CellValue, dependents as CellValue, column as CellValue);
    }
    const rows = taxable.length;
    const t = perRow(taxable, rows, 'taxable');
    const d = perRow(dependents, rows, 'dependents');
    const c = perRow(column, rows, 'column');
    const out: (number | string)[][] = new Array(rows);
    for (let i = 0; i < rows; i++) {
      const value = t(i);
      out[i] = [isBlank(value) ? '' : atRow(i + 1, () => one(value, d(i), c(i)))];
    }
    return out;
  }

  /**
   * URA.BONUSWITHHOLDING.
   * @example BONUSWITHHOLDING(500000, 300000, 2, "甲", "2026-07-10") // 20420
   */
  function BONUSWITHHOLDING(
    bonus_after_si: CellValue,
    previous_month_after_si: CellValue,
    dependents: CellValue,
    column?: CellValue,
    pay_date?: CellValue,
  ): number {
    return bonusWithholding({
      bonusAfterSocialInsurance: cellToYen(bonus_after_si, 'bonus_after_si'),
      previousMonthTaxable: isBlank(previous_month_after_si) ? 0 : cellToYen(previous_month_after_si, 'previous_month_after_si'),
      dependents: cellToDependents(dependents, 'dependents'),
      column: cellToTaxColumn(column),
      payDate: optional(pay_date, today, (v) => cellToDate(v, 'pay_date')),
    });
  }

  return { WITHHOLDING, BONUSWITHHOLDING };
}
