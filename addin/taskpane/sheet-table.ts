/**
 * A block of cells read from a sheet (values with their number formats) as the CSV text core's
 * readers take. Excel gives a date cell as a serial number; its number format tells it is a date,
 * so the reader gets 2026-05-25 rather than 46167.
 */
import { cellToDate, type CellValue, matrixToCsvText } from '../../core/sheet-functions/cells.js';
import { formatKind } from '../../core/xlsx/cells.js';

export interface SheetTable {
  /** Where it came from, e.g. 入金明細!A1:H1001: problems name it as their file. */
  readonly name: string;
  readonly values: readonly (readonly CellValue[])[];
  /** Excel number formats, same shape as values; absent when unknown. */
  readonly formats?: readonly (readonly string[])[] | undefined;
}

/** A date or date-and-time format (read as the .xlsx reader reads one): its serials are dates. */
const isDateFormat = (format: string) => ['date', 'datetime'].includes(formatKind(format));

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
