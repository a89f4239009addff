/**
 * CSV out: UTF-8 with BOM by default (Excel on Windows then opens it as UTF-8), Shift_JIS on
 * request. Safe from formula injection (CWE-1236): a text cell beginning with = + - @ — in half or
 * full width (＝ ＋ － ＠, as a Japanese IME types them), after any leading spaces, which spreadsheets
 * skip — or with a tab, CR or LF is prefixed with `'` so a spreadsheet shows it as text instead of
 * running it. Numbers stay numbers.
 */
import { encodeText, type TextEncodingName } from './encoding.js';

export type Cell = string | number | bigint | boolean | null | undefined;

const FORMULA_START = /^(?:[\p{Zs}\u00a0\ufeff]*[=+\-@＝＋－＠]|[\t\r\n])/u;

/** Neutralises one text cell. Numbers are passed as numbers and never prefixed. */
export function neutraliseFormula(value: string): string {
  return mayStartFormula(value.charCodeAt(0)) && FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * False for a first character with which FORMULA_START cannot match (a letter, a digit, kana,
 * kanji), so most cells are not run through the pattern; true for any other, which the pattern
 * then decides. NaN (an empty cell) cannot start one.
 */
function mayStartFormula(c: number): boolean {
  if (Number.isNaN(c)) return false;
  if (c < 0x80) return c <= 0x20 || c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40;
  return !((c >= 0x3040 && c <= 0x30ff) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xff61 && c <= 0xff9f));
}

function field(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`CSV: ${cell} is not a finite number`);
    return String(cell);
  }
  if (typeof cell === 'bigint' || typeof cell === 'boolean') return String(cell);
  const safe = neutraliseFormula(cell);
  return /[",\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** CSV text (CRLF line ends, as Excel writes). */
export function toCsvText(rows: Iterable<readonly Cell[]>): string {
  let out = '';
  for (const row of rows) out += `${row.map(field).join(',')}\r\n`;
  return out;
}

export function writeCsv(rows: Iterable<readonly Cell[]>, encoding: TextEncodingName = 'utf-8-bom'): Uint8Array {
  return encodeText(toCsvText(rows), encoding);
}

/** Rows of objects → header + rows, in the given column order. */
export function objectsToRows<K extends string>(columns: readonly K[], objects: Iterable<Readonly<Record<K, Cell>>>): Cell[][] {
  const rows: Cell[][] = [columns.slice()];
  for (const o of objects) rows.push(columns.map((c) => o[c]));
  return rows;
}
