/// <reference types="office-js" />
/**
 * Everything the taskpane reads from or writes to the workbook. Each action queues all its work
 * and calls `context.sync()` once or twice, whatever the number of rows: a 10,000-line statement
 * is one read and one write, not 10,000 round trips.
 */
import { type CellValue, sheetCell } from '../../core/sheet-functions/cells.js';
import { normalizeKey } from '../../core/csv/columns.js';
import { cellReference, columnLetters } from '../../core/xlsx/cells.js';
import { OPEN_ITEM_COLUMNS } from '../../core/reconcile/open-items.js';
import { OPEN_ITEM_STATUS_HEADER } from '../../core/reconcile/status.js';
import type { MatchStatus } from '../../core/reconcile/types.js';
import type { SheetTable } from './sheet-table.js';

/** A sheet, optionally narrowed to an A1 address; without one, the sheet's used range. */
export interface RangeRef {
  readonly sheet: string;
  readonly address?: string | undefined;
}

/** The hidden sheet holding the learned table (学習データ): kept in the workbook so it travels with it. */
export const LEARNED_SHEET = '裏方_学習';

/** Fluent tints: green auto, yellow suggested (要確認), red unmatched, blue confirmed by a person. */
export const STATUS_FILL: Readonly<Record<MatchStatus | 'confirmed', string>> = {
  auto: '#DFF6DD',
  suggested: '#FFF4CE',
  unmatched: '#FDE7E9',
  confirmed: '#DEECF9',
};

/**
 * 「入金明細!A1:H1001」「'4月 入金'!A1:H20」「入金明細」 → sheet and address.
 * @example parseRangeRef("'4月 入金'!A1:H20") // { sheet: '4月 入金', address: 'A1:H20' }
 */
export function parseRangeRef(text: string): RangeRef {
  const t = text.trim();
  const bang = t.lastIndexOf('!');
  if (bang < 0) return { sheet: unquote(t) };
  return { sheet: unquote(t.slice(0, bang)), address: t.slice(bang + 1).replace(/\$/g, '') };
}

const unquote = (s: string) => (s.startsWith("'") && s.endsWith("'") ? s.slice(1, -1).replace(/''/g, "'") : s);

/**
 * A cell value as Excel must receive it: text stays text (keepAsText) — a payer name such as
 * 「=HYPERLINK(…)」 from a bank file does not run, and a code such as 0012 does not become 12.
 * @example cellIn('=1+1') // "'=1+1"
 */
export const cellIn = (v: unknown): string | number | boolean => sheetCell(v);

const cellsIn = (rows: readonly (readonly unknown[])[]) => rows.map((r) => r.map(cellIn));

const rangeOf = (context: Excel.RequestContext, ref: RangeRef): Excel.Range => {
  const sheet = context.workbook.worksheets.getItem(ref.sheet);
  return ref.address ? sheet.getRange(ref.address) : sheet.getUsedRange();
};

const WHOLE_COLUMNS = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/;
const WHOLE_ROWS = /^(\d{1,7}):(\d{1,7})$/;

/**
 * Whole columns (A:H, a click on the column headers) or whole rows (1:500) ended where the sheet's
 * used range ends: loaded as given they asked Excel for a million rows of cells (Excel on the web
 * refuses so large an answer; desktop hangs). Only the far end is cut, so rows keep their
 * numbers. One sync, only when some range is open-ended.
 */
async function withinUse(context: Excel.RequestContext, refs: readonly RangeRef[]): Promise<RangeRef[]> {
  const open = (a: string | undefined) => a !== undefined && (WHOLE_COLUMNS.test(a) || WHOLE_ROWS.test(a));
  const used = refs.map((ref) =>
    open(ref.address) ? context.workbook.worksheets.getItem(ref.sheet).getUsedRange().load('address') : undefined,
  );
  if (!used.some((u) => u !== undefined)) return [...refs];
  await context.sync();
  return refs.map((ref, i) => {
    const address = ref.address ?? '';
    const last = cellReference((used[i]?.address.split('!').pop() ?? '').split(':').pop() ?? '');
    if (!used[i] || !last) return ref;
    const columns = WHOLE_COLUMNS.exec(address);
    if (columns) return { ...ref, address: `${columns[1]}1:${columns[2]}${last.row}` };
    const rows = WHOLE_ROWS.exec(address);
    return rows ? { ...ref, address: `A${rows[1]}:${columnLetters(last.column)}${rows[2]}` } : ref;
  });
}

/** Rows after the last one with any content are dropped (a range typed generously, A1:H5000). */
function trimBlankRows<T>(values: T[][], formats: string[][]): { values: T[][]; formats: string[][] } {
  let end = values.length;
  while (end > 0 && (values[end - 1] ?? []).every((v) => v === '' || v === null || v === undefined)) end--;
  return { values: values.slice(0, end), formats: formats.slice(0, end) };
}

/**
 * Reads several ranges with one sync.
 * @example const [bank, open] = await readTables(context, [parseRangeRef('入金明細'), parseRangeRef('請求残!A1:J300')])
 */
export async function readTables(context: Excel.RequestContext, refs: readonly RangeRef[]): Promise<SheetTable[]> {
  const within = await withinUse(context, refs);
  const ranges = within.map((ref) => rangeOf(context, ref).load(['values', 'numberFormat', 'address']));
  await context.sync();
  return ranges.map((range, i) => {
    const { values, formats } = trimBlankRows(range.values as CellValue[][], range.numberFormat as string[][]);
    const ref = refs[i];
    return { name: ref?.address ? `${ref.sheet}!${ref.address}` : (ref?.sheet ?? range.address), values, formats, address: range.address };
  });
}

/**
 * The address of the user's selection, for the 「選択範囲を使う」 buttons.
 * @example await selectedAddress(context) // '入金明細!A1:H1001'
 */
export async function selectedAddress(context: Excel.RequestContext): Promise<string> {
  const range = context.workbook.getSelectedRange().load('address');
  await context.sync();
  return range.address;
}

/**
 * Writes the result table to its own sheet (replacing an older one), header frozen and bold, each
 * row tinted by its status. One sync.
 * @example await writeResultSheet(context, '消込結果', output.rows, output.statuses)
 */
export async function writeResultSheet(
  context: Excel.RequestContext,
  name: string,
  rows: readonly (readonly unknown[])[],
  statuses: readonly MatchStatus[],
): Promise<void> {
  const sheets = context.workbook.worksheets;
  const old = sheets.getItemOrNullObject(name);
  await context.sync();
  if (!old.isNullObject) old.delete();
  const sheet = sheets.add(name);
  const width = rows[0]?.length ?? 1;
  const last = columnLetters(width - 1);
  sheet.getRange(`A1:${last}${rows.length}`).values = cellsIn(rows);
  const header = sheet.getRange(`A1:${last}1`);
  header.format.font.bold = true;
  sheet.freezePanes.freezeRows(1);
  // Consecutive rows of one status share one format call.
  let start = 0;
  for (let i = 1; i <= statuses.length; i++) {
    if (i < statuses.length && statuses[i] === statuses[start]) continue;
    const status = statuses[start];
    if (status) sheet.getRange(`A${start + 2}:${last}${i + 1}`).format.fill.color = STATUS_FILL[status];
    start = i;
  }
  sheet.getRange(`A1:${last}${rows.length}`).format.autofitColumns();
  sheet.activate();
  await context.sync();
}

/**
 * A sheet of its own (replacing one of the same name) holding the table, its header bold and
 * frozen: the 給与 and 仕訳 sheets. Two syncs.
 * @example await writeTableSheet(context, '仕訳_消込', journalTable(entries, 'ja'))
 */
export async function writeTableSheet(context: Excel.RequestContext, name: string, table: readonly (readonly unknown[])[]): Promise<void> {
  const sheets = context.workbook.worksheets;
  const old = sheets.getItemOrNullObject(name);
  await context.sync();
  if (!old.isNullObject) old.delete();
  const sheet = sheets.add(name);
  const last = columnLetters((table[0]?.length ?? 1) - 1);
  sheet.getRange(`A1:${last}${table.length}`).values = table.map((r) => r.map(cellIn));
  sheet.getRange(`A1:${last}1`).format.font.bold = true;
  sheet.freezePanes.freezeRows(1);
  sheet.activate();
  await context.sync();
}

/**
 * Marks result rows as confirmed (消込済) in the result sheet. One sync.
 * @example await markResultRows(context, '消込結果', [3, 7], 13, 5, '消込済')
 */
export async function markResultRows(
  context: Excel.RequestContext,
  name: string,
  sheetRows: readonly number[],
  width: number,
  statusColumn: number,
  label: string,
): Promise<void> {
  const sheet = context.workbook.worksheets.getItem(name);
  const last = columnLetters(width - 1);
  const col = columnLetters(statusColumn);
  for (const row of sheetRows) {
    sheet.getRange(`${col}${row}`).values = [[cellIn(label)]];
    sheet.getRange(`A${row}:${last}${row}`).format.fill.color = STATUS_FILL.confirmed;
  }
  await context.sync();
}

/**
 * The sheet rows (1-based) of the user's selection on a sheet, or [] when the selection is elsewhere.
 * @example await selectedRows(context, '消込結果') // [3, 4]
 */
export async function selectedRows(context: Excel.RequestContext, name: string): Promise<number[]> {
  const range = context.workbook.getSelectedRange().load(['rowIndex', 'rowCount']);
  const sheet = range.worksheet.load('name');
  await context.sync();
  if (sheet.name !== name) return [];
  return Array.from({ length: range.rowCount }, (_, i) => range.rowIndex + i + 1);
}

/**
 * Writes a status (消込済, 一部入金 …) beside each named invoice of the open items, adding a
 * 消込状態 column at the right of the table when it has none. Two syncs.
 * @returns how many invoices were found and marked, and the range grown by that column when the
 *   user gave an address (請求残!A1:G300 → 請求残!A1:H300): the next run must read the statuses,
 *   or it would clear the same invoices again
 * @example await markOpenItems(context, parseRangeRef('請求残'), new Map([['INV-1', '消込済']])) // { marked: 1 }
 */
export async function markOpenItems(
  context: Excel.RequestContext,
  given: RangeRef,
  labels: ReadonlyMap<string, string>,
): Promise<{ marked: number; grown?: RangeRef }> {
  const [ref = given] = await withinUse(context, [given]);
  const range = rangeOf(context, ref).load(['values', 'rowIndex', 'columnIndex', 'columnCount', 'rowCount']);
  await context.sync();
  const values = range.values as CellValue[][];
  const header = (values[0] ?? []).map((h) => normalizeKey(String(h ?? '')));
  // Each column as the open items are read: the first of its names the header has (status before 消込状態).
  const columnOf = (aliases: readonly string[]) => aliases.map((a) => header.indexOf(normalizeKey(a))).find((i) => i >= 0) ?? -1;
  const invoiceColumn = columnOf(OPEN_ITEM_COLUMNS.invoice_id.aliases);
  if (invoiceColumn < 0) return { marked: 0 };
  let statusColumn = columnOf(OPEN_ITEM_COLUMNS.status.aliases);
  const sheet = context.workbook.worksheets.getItem(ref.sheet);
  let grown: RangeRef | undefined;
  if (statusColumn < 0) {
    statusColumn = range.columnCount;
    sheet.getRange(`${columnLetters(range.columnIndex + statusColumn)}${range.rowIndex + 1}`).values = [[OPEN_ITEM_STATUS_HEADER]];
    if (ref.address) {
      const first = `${columnLetters(range.columnIndex)}${range.rowIndex + 1}`;
      const last = `${columnLetters(range.columnIndex + statusColumn)}${range.rowIndex + range.rowCount}`;
      // Whole columns stay whole columns (A:G → A:H): rows added below are read next time.
      const columns = WHOLE_COLUMNS.exec(given.address ?? '');
      const address = columns ? `${columns[1]}:${columnLetters(range.columnIndex + statusColumn)}` : `${first}:${last}`;
      grown = { sheet: ref.sheet, address };
    }
  }
  const col = columnLetters(range.columnIndex + statusColumn);
  let marked = 0;
  values.forEach((row, i) => {
    if (i === 0) return;
    const label = labels.get(String(row[invoiceColumn] ?? '').trim());
    if (label === undefined) return;
    sheet.getRange(`${col}${range.rowIndex + i + 1}`).values = [[cellIn(label)]];
    marked++;
  });
  await context.sync();
  return grown ? { marked, grown } : { marked };
}

/**
 * A range reference as the pane shows it: 請求残!A1:H300, the sheet quoted when it must be.
 * @example rangeRefText({ sheet: '4月 入金', address: 'A1:H20' }) // "'4月 入金'!A1:H20"
 */
export function rangeRefText(ref: RangeRef): string {
  const sheet = /^[\p{L}\p{N}_]+$/u.test(ref.sheet) ? ref.sheet : `'${ref.sheet.replace(/'/g, "''")}'`;
  return ref.address ? `${sheet}!${ref.address}` : sheet;
}

/**
 * The learned table kept in the workbook, or undefined before the first confirmation. One sync.
 * @example (await readLearnedSheet(context))?.values[0] // ['kind', 'payer_key', …]
 */
export async function readLearnedSheet(context: Excel.RequestContext): Promise<SheetTable | undefined> {
  const sheet = context.workbook.worksheets.getItemOrNullObject(LEARNED_SHEET);
  await context.sync();
  if (sheet.isNullObject) return undefined;
  const [table] = await readTables(context, [{ sheet: LEARNED_SHEET }]);
  return table;
}

/**
 * Replaces the learned table (header row first) in its hidden sheet. One or two syncs.
 * @example await writeLearnedSheet(context, learnedToRows(learned))
 */
export async function writeLearnedSheet(context: Excel.RequestContext, rows: readonly (readonly unknown[])[]): Promise<void> {
  const sheets = context.workbook.worksheets;
  let sheet = sheets.getItemOrNullObject(LEARNED_SHEET);
  await context.sync();
  if (sheet.isNullObject) {
    sheet = sheets.add(LEARNED_SHEET);
    sheet.visibility = 'Hidden';
  } else {
    sheet.getRange().clear();
  }
  const width = rows[0]?.length ?? 1;
  sheet.getRange(`A1:${columnLetters(width - 1)}${rows.length}`).values = cellsIn(rows);
  await context.sync();
}
