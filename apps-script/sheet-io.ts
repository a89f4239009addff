/**
 * Reading the ranges the user picked and writing result sheets. Text written into a sheet is
 * neutralised like CSV output (CWE-1236): a bank payer name such as `=HYPERLINK(…)` must arrive
 * as text, not become a formula in the accountant's workbook.
 */
import { tokyoDateOf } from '../core/dates/calendar.js';
import type { JournalEntry } from '../core/journal/entry.js';
import { journalTable } from '../core/journal/formats.js';
import { type Matrix, sheetCell, sheetsWallClock } from '../core/sheet-functions/cells.js';
import { gas, type Sheet, type SheetValue } from './gas.js';

export interface PickedRange {
  /** Sheet-qualified A1 notation, e.g. `'入金明細'!A1:F200`. */
  readonly a1: string;
  readonly rows: number;
  readonly columns: number;
}

/** Apps Script quotes a sheet name in A1 notation when it is not a plain identifier. */
function qualified(sheetName: string, a1: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheetName) ? `${sheetName}!${a1}` : `'${sheetName.replace(/'/g, "''")}'!${a1}`;
}

/**
 * The user's current selection, for the sidebar's 「選択範囲を使う」 buttons.
 * @example uraActiveRange() // → { a1: "'入金明細'!A1:F200", rows: 200, columns: 6 }
 */
export function uraActiveRange(): PickedRange {
  const range = gas().SpreadsheetApp.getActiveSpreadsheet().getActiveRange();
  if (!range) throw new Error('セル範囲を選択してください / select a range first');
  return { a1: qualified(range.getSheet().getName(), range.getA1Notation()), rows: range.getNumRows(), columns: range.getNumColumns() };
}

/** Values of a sheet-qualified range; a clear error when the range no longer exists. */
export function readRange(a1: string, label: string): Matrix {
  let values: SheetValue[][];
  try {
    values = gas().SpreadsheetApp.getActiveSpreadsheet().getRange(a1).getValues();
  } catch (e) {
    throw new Error(`${label}の範囲「${a1}」を読めません / cannot read the ${label} range ${a1}: ${(e as Error).message}`);
  }
  return asTheSheetShows(values);
}

/**
 * Date cells as the sheet shows them (core's sheetsWallClock): Sheets gives a date, time or
 * duration cell as a Date counted in the spreadsheet's time zone, so each is read in that zone —
 * a date as its day (read as Tokyo's, a spreadsheet kept in Sydney's zone gave the day before),
 * 12:00 typed in an hours column as 12 hours (not the date 1899-12-30). Other cells as they are.
 */
export function asTheSheetShows(values: readonly (readonly SheetValue[])[]): Matrix {
  let zone: string | undefined;
  return values.map((row) =>
    row.map((v) => {
      if (!(v instanceof Date) || Number.isNaN(v.getTime())) return v;
      zone ??= gas().SpreadsheetApp.getActiveSpreadsheet().getSpreadsheetTimeZone();
      // To the nearest second: a time a formula subtracted is often a hair short (9:30 − 9:00 is
      // 0:29:59.999), and formatDate drops the milliseconds.
      const second = new Date(Math.round(v.getTime() / 1000) * 1000);
      return sheetsWallClock(gas().Utilities.formatDate(second, zone, 'yyyy-MM-dd HH:mm:ss')) ?? v;
    }),
  );
}

export function toSheetValue(v: unknown): SheetValue {
  return v instanceof Date ? v : sheetCell(v);
}

/** A result sheet, emptied (created when missing). */
export function freshSheet(name: string): Sheet {
  const book = gas().SpreadsheetApp.getActiveSpreadsheet();
  const sheet = book.getSheetByName(name) ?? book.insertSheet(name);
  sheet.clear();
  return sheet;
}

export function existingSheet(name: string): Sheet {
  const sheet = gas().SpreadsheetApp.getActiveSpreadsheet().getSheetByName(name);
  if (!sheet) throw new Error(`シート「${name}」がありません / sheet ${name} is missing`);
  return sheet;
}

/** Writes rows (ragged rows padded) at a 1-based sheet row in one setValues call. */
export function writeRows(sheet: Sheet, firstRow: number, rows: readonly (readonly unknown[])[]): void {
  if (rows.length === 0) return;
  // A loop, not Math.max(...widths): spread arguments run past the call stack at about 130,000 rows.
  let width = 0;
  for (const r of rows) width = Math.max(width, r.length);
  const values = rows.map((r) => Array.from({ length: width }, (_, i) => toSheetValue(r[i])));
  sheet.getRange(firstRow, 1, values.length, width).setValues(values);
}

/** A pane's 仕訳 sheet and the entries on it, which the sidebar writes the import file from. */
export interface JournalSheetView {
  readonly sheet: string;
  /** [] when nothing was booked, and then no sheet is written. */
  readonly entries: readonly JournalEntry[];
}

/**
 * Writes the entries to the sheet (one row per line, 借方/貸方, core's journal table) and hands
 * them back: the sidebar writes the import file from them with core's writer, in the browser,
 * since the 弥生 and マネーフォワード files are Shift_JIS, whose kanji need the TextDecoder Apps
 * Script lacks. No entries, no sheet.
 * @example journalSheet('仕訳_2026-05-25', entries) // → { sheet: '仕訳_2026-05-25', entries }
 */
export function journalSheet(sheet: string, entries: readonly JournalEntry[]): JournalSheetView {
  if (entries.length > 0) writeRows(freshSheet(sheet), 1, journalTable(entries, 'ja'));
  return { sheet, entries };
}

/**
 * Settings kept in a sheet as a two-column range 項目 | 値 (an issuer, a paying company), with
 * dotted names for nested fields (`bank.bank_name`). A header row 項目/key is skipped. Values are
 * passed as text: the core checks them.
 * @example objectFromPairs([['name', '株式会社サンプル商事'], ['bank.bank_name', 'みずほ銀行']], '発行者', 'issuer') // → { name: '…', bank: { bank_name: 'みずほ銀行' } }
 */
export function objectFromPairs(rows: Matrix, what_ja: string, what_en: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [rawKey, rawValue] of rows) {
    const key = String(rawKey ?? '').trim();
    if (!key || key === '項目' || key.toLowerCase() === 'key') continue;
    const value = rawValue instanceof Date ? tokyoDateOf(rawValue) : String(rawValue ?? '').trim();
    const path = key.split('.');
    let at = out;
    for (const part of path.slice(0, -1)) {
      const next = at[part];
      if (next && typeof next === 'object') at = next as Record<string, unknown>;
      else {
        const made: Record<string, unknown> = {};
        at[part] = made;
        at = made;
      }
    }
    at[path[path.length - 1] ?? key] = value;
  }
  if (Object.keys(out).length === 0) {
    throw new Error(`${what_ja}の範囲（項目と値の2列）を選んでください / pick the ${what_en} range (two columns: name, value)`);
  }
  return out;
}
