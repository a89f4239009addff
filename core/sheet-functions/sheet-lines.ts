/**
 * Lines selected on a sheet, as both add-ons send them (the 請求書 pane's invoice lines, to the
 * batch API and to the 仕訳): one rule for Excel and Google Sheets of where the header is, which
 * rows are sent, and which sheet row a problem's row number means.
 *
 * - The header is the selection's first row when it names the table's columns (a title above
 *   the table is then no trouble); else the sheet's row 1 over the same columns, so that data
 *   rows alone may be selected. With neither, the selection is refused before anything is sent.
 * - Rows with nothing in them are not sent.
 * - A problem names a row of the CSV sent (a line of it: a cell holding a line break makes a row
 *   span lines). `inSheetRows` and `errorsInSheetRows` say it as the sheet row it came from, under
 *   the sheet's name, so that 「請求明細 12行目」 is the row the user sees as 12.
 */
import { type Column, normalizeKey } from '../csv/columns.js';
import type { ErrorsCsvRow } from '../csv/errors-csv.js';
import { scanCsv } from '../csv/parse.js';
import type { Problem } from '../errors.js';
import { type CellValue, isBlank, type Matrix, matrixToCsvText } from './cells.js';

/** A selection on a sheet: its cells (dates as the host reads them) and where it starts. */
export interface SheetSelection {
  /** The sheet's name: problems name it as their file. */
  readonly sheet: string;
  readonly values: Matrix;
  /** The sheet row (1-based) of values[0]. */
  readonly firstRow: number;
  /** The sheet's row 1 over the selection's columns, when the selection starts below it. */
  readonly topRow?: readonly CellValue[] | undefined;
}

/** What is sent of a selection, and the sheet row of each of its records. */
export interface SheetLines {
  readonly sheet: string;
  /** The CSV sent: header first, then the rows that hold something. */
  readonly csv: string;
  /** Data rows sent. */
  readonly rows: number;
  /** [the CSV line a record starts on, its sheet row], header first, in order. */
  readonly lineRows: readonly (readonly [number, number])[];
}

/** How many cells of `row` name a column of `columns` (by any of its names, as a header is read). */
function namedColumns(row: readonly CellValue[], columns: Readonly<Record<string, Column<unknown>>>): number {
  const names = new Set(Object.values(columns).flatMap((c) => c.aliases.map(normalizeKey)));
  return row.filter((c) => typeof c === 'string' && names.has(normalizeKey(c))).length;
}

/**
 * Whether a row is the header of a table of these columns: two of its cells name columns.
 * @example isHeaderRow(['invoice_no', '品目', '数量'], INVOICE_LINE_COLUMNS) // true
 */
export function isHeaderRow(row: readonly CellValue[] | undefined, columns: Readonly<Record<string, Column<unknown>>>): boolean {
  return row !== undefined && namedColumns(row, columns) >= 2;
}

/** The selection's words when it has no header or no rows (日本語, English). */
export interface SelectionWords {
  /** What the rows are: 「請求明細」 / "invoice lines". */
  readonly ja: string;
  readonly en: string;
}

/**
 * The header and the rows of a selection to send, with the sheet row of each (see the module's note).
 * @example sheetLines({ sheet: '請求明細', values: [['A-1', '2026-05-25', 'りんご']], firstRow: 5, topRow: ['invoice_no', 'issue_date', 'item'] }, INVOICE_LINE_COLUMNS, { ja: '請求明細', en: 'invoice lines' }).lineRows // [[1, 1], [2, 5]]
 */
export function sheetLines(
  selection: SheetSelection,
  columns: Readonly<Record<string, Column<unknown>>>,
  words: SelectionWords,
): SheetLines {
  const { values, firstRow } = selection;
  const fromSelection = isHeaderRow(values[0], columns);
  const header = fromSelection ? values[0] : firstRow > 1 && isHeaderRow(selection.topRow, columns) ? selection.topRow : undefined;
  if (header === undefined) {
    throw new Error(
      `${words.ja}の見出し行がありません。見出し行から選択するか、見出しを1行目に置いてください / ` +
        `no header row of the ${words.en}: select from the header row, or put the header in row 1`,
    );
  }
  const matrix: (readonly CellValue[])[] = [header];
  const sheetRows = [fromSelection ? firstRow : 1];
  for (let i = fromSelection ? 1 : 0; i < values.length; i++) {
    const row = values[i] as readonly CellValue[];
    if (row.every(isBlank)) continue;
    matrix.push(row);
    sheetRows.push(firstRow + i);
  }
  if (matrix.length < 2) {
    throw new Error(
      `${words.ja}の行を選択してください（見出しのほかに行がありません） / select the ${words.en}: there is no row but the header`,
    );
  }
  const csv = matrixToCsvText(matrix);
  // The line each record starts on, read back as the server reads it: a cell's line break counts.
  const lines: number[] = [];
  scanCsv(csv, (_fields, line) => lines.push(line), []);
  if (lines.length !== matrix.length) throw new Error(`sheetLines: ${matrix.length} rows made ${lines.length} records`);
  return {
    sheet: selection.sheet,
    csv,
    rows: matrix.length - 1,
    lineRows: lines.map((line, k) => [line, sheetRows[k] as number] as const),
  };
}

/**
 * The sheet row of a CSV line: the row of the record that line is in (0 stays 0: the file as a whole).
 * @example sheetRowOf(lines, 2) // 5
 */
export function sheetRowOf(lines: Pick<SheetLines, 'lineRows'>, line: number): number {
  if (line < 1) return line;
  let found = 0;
  for (const [start, row] of lines.lineRows) {
    if (start > line) break;
    found = row;
  }
  return found;
}

/**
 * Problems of the CSV sent (named `file`), said by the sheet's name and the sheet row.
 * @example inSheetRows(problems, '請求明細', lines)[0] // { file: '請求明細', row: 12, … }
 */
export function inSheetRows(problems: readonly Problem[], file: string, lines: Pick<SheetLines, 'sheet' | 'lineRows'>): Problem[] {
  return problems.map((p) => (p.file === file ? { ...p, file: lines.sheet, row: sheetRowOf(lines, p.row) } : p));
}

/**
 * The rows of a job's errors.csv, said by the sheet's name and the sheet row: a row that names
 * a row of the upload (any file, a row of 1 or more) is the sheet's; one of the batch as a whole (row 0) is kept.
 * @example errorsInSheetRows([{ file: 'lines.csv', row: '3', … }], lines)[0]?.row // '12'
 */
export function errorsInSheetRows(rows: readonly ErrorsCsvRow[], lines: Pick<SheetLines, 'sheet' | 'lineRows'>): ErrorsCsvRow[] {
  return rows.map((r) => {
    const line = Number(r.row);
    if (!Number.isSafeInteger(line) || line < 1) return r;
    return { ...r, file: lines.sheet, row: String(sheetRowOf(lines, line)) };
  });
}
