/**
 * A block of cells read from a sheet (values with their number formats) as the CSV text core's
 * readers take. Excel gives a date cell as a serial number; its number format tells it is a date,
 * so the reader gets 2026-05-25 rather than 46167.
 */
import { cellToDate, type CellValue, matrixToCsvText } from '../../core/sheet-functions/cells.js';
import { cellNumberText, formatKind } from '../../core/xlsx/cells.js';

export interface SheetTable {
  /** Where it came from, e.g. 入金明細!A1:H1001: problems name it as their file. */
  readonly name: string;
  readonly values: readonly (readonly CellValue[])[];
  /** Excel number formats, same shape as values; absent when unknown. */
  readonly formats?: readonly (readonly string[])[] | undefined;
  /** The range as Excel addresses it (「請求明細!A1:N501」, the used range's when none was given); absent when unknown. */
  readonly address?: string | undefined;
}

/** The number kinds a reader takes as the cell shows them. */
type ShownKind = 'date' | 'time' | 'percent';

/**
 * The table's values with the number cells of the given kinds as the .xlsx reader gives them
 * (core/xlsx): a date as its ISO date, a time as the hours it shows (12:00 in a [h]:mm cell holds
 * 0.5 of a day, which read as 0.5 hours paid a twenty-fourth of the overtime), a percent as its
 * percent (a 税率 cell formatted 0% holds 0.1).
 */
function asShown(table: SheetTable, kinds: readonly ShownKind[]): CellValue[][] {
  return table.values.map((row, r) =>
    row.map((v, c) => {
      const format = table.formats?.[r]?.[c];
      if (typeof v !== 'number' || format === undefined) return v;
      const kind = formatKind(format);
      if ((kind === 'date' || kind === 'datetime') && kinds.includes('date')) return cellToDate(v, table.name);
      if ((kind === 'time' || kind === 'percent') && kinds.includes(kind)) return cellNumberText(String(v), kind, false) ?? v;
      return v;
    }),
  );
}

/**
 * The table's values with time-formatted numbers as the hours they show (12:00, not 0.5), for
 * the payroll readers that take cells (PAYROLL's ranges, the payslip and 全銀 panes): hours
 * typed in a [h]:mm cell. Dates and a %-formatted 健康保険料率 are left to core, which reads them.
 * @example timesAsShown({ name: 'S', values: [['時間外'], [0.5]], formats: [['General'], ['[h]:mm']] }) // [['時間外'], ['12:00']]
 */
export function timesAsShown(table: SheetTable): CellValue[][] {
  return asShown(table, ['time']);
}

/**
 * The table as CSV text, date cells as ISO dates, time and percent cells as they show.
 * @example sheetTableToCsv({ name: 'S', values: [['日付'], [46167]], formats: [['General'], ['yyyy/m/d']] }) // '日付\n2026-05-25'
 */
export function sheetTableToCsv(table: SheetTable): string {
  return matrixToCsvText(shownForCsv(table));
}

/**
 * The table's values as sheetTableToCsv writes them (date, time and percent cells as they show), before they are CSV.
 * @example shownForCsv({ name: 'S', values: [['日付'], [46167]], formats: [['General'], ['yyyy/m/d']] }) // [['日付'], ['2026-05-25']]
 */
export function shownForCsv(table: SheetTable): CellValue[][] {
  return asShown(table, ['date', 'time', 'percent']);
}
