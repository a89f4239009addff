/**
 * A block of cells read from a sheet (values with their number formats) as the CSV text core's
 * readers take. Excel gives a date cell as a serial number; its number format tells it is a date,
 * so the reader gets 2026-05-25 rather than 46167.
 */
import { cellToDate, type CellValue, matrixToCsvText } from '../../core/sheet-functions/cells.js';

export interface SheetTable {
  /** Where it came from, e.g. 入金明細!A1:H1001: problems name it as their file. */
  readonly name: string;
  readonly values: readonly (readonly CellValue[])[];
  /** Excel number formats, same shape as values; absent when unknown. */
  readonly formats?: readonly (readonly string[])[] | undefined;
}

/**
 * yyyy/m/d, m/d, [$-ja-JP]ggge"年"m"月"d"日" …: a format showing a year or a day shows a date. Quoted text is ignored.
 * @example isDateFormat('yyyy/m/d') // true
 */
export function isDateFormat(format: string): boolean {
  const bare = format.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[yd]|ge/i.test(bare) && !/^General$/i.test(bare);
}

/**
 * The table as CSV text, date cells as ISO dates.
 * @example sheetTableToCsv({ name: 'S', values: [['日付'], [46167]], formats: [['General'], ['yyyy/m/d']] }) // '日付\n2026-05-25'
 */
export function sheetTableToCsv(table: SheetTable): string {
  const values = table.values.map((row, r) =>
    row.map((v, c) => {
      const format = table.formats?.[r]?.[c];
      return typeof v === 'number' && format !== undefined && isDateFormat(format) ? cellToDate(v, table.name) : v;
    }),
  );
  return matrixToCsvText(values);
}
