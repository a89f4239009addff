/**
 * Spreadsheet cell values → core types, for the functions of DESIGN §3.1 that Excel (URA.*) and
 * Sheets (URA_*) both call. Excel passes dates as serial numbers, Sheets as Date objects, users
 * type strings: all three are accepted. A bad argument throws an InputError naming it, which the
 * hosts show as #VALUE! (Excel) or a thrown Error (Sheets) with the same text.
 */
import { fromDayNumber, type IsoDate, todayInTokyo } from '../dates/calendar.js';
import { parseDate } from '../dates/parse.js';
import { argumentError } from '../errors.js';
import { parseDecimal, parseYen } from '../csv/columns.js';

export type CellValue = string | number | boolean | Date | null | undefined;
export type Matrix = readonly (readonly CellValue[])[];

/** Excel's day 0 (1899-12-30) as a day number since 1970-01-01. */
const EXCEL_EPOCH_DAY = -25569;

export function isBlank(v: CellValue): v is null | undefined | '' {
  return v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
}

/** A whole-yen amount: a number cell, or text such as `¥12,345`. */
export function cellToYen(v: CellValue, arg: string): number {
  if (typeof v === 'number') {
    if (Number.isSafeInteger(v)) return v;
    throw argumentError(arg, v, '金額は整数の円で指定してください', 'amount must be whole yen');
  }
  if (typeof v === 'string') {
    const r = parseYen(v);
    if (r.ok) return r.value;
    throw argumentError(arg, v, r.message_ja, r.message_en);
  }
  throw argumentError(arg, v, '金額を指定してください', 'an amount is required');
}

/** A whole number in [min, max]. */
export function cellToInt(v: CellValue, arg: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw argumentError(arg, v, `${min}〜${max}の整数を指定してください`, `must be a whole number from ${min} to ${max}`);
  }
  return n;
}

/** A number that may have decimals (hours), kept exact as num/den. */
export function cellToDecimal(v: CellValue, arg: string): { num: number; den: number } {
  const text = typeof v === 'number' ? numberToDecimalText(v) : typeof v === 'string' ? v : '';
  const r = parseDecimal(text);
  if (r.ok) return r.value;
  throw argumentError(arg, v, r.message_ja, r.message_en);
}

/** Shortest decimal text of a float cell (0.1 + 0.2 typed as 0.3 stays 0.3). */
function numberToDecimalText(v: number): string {
  if (!Number.isFinite(v)) return '';
  return Number(v.toPrecision(15)).toString();
}

export function cellToText(v: CellValue, arg: string): string {
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw argumentError(arg, v, '文字列を指定してください', 'text is required');
}

/** A calendar date: Excel serial number, Date (Sheets; read as Tokyo date), or text. */
export function cellToDate(v: CellValue, arg: string): IsoDate {
  if (typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 2958466) return fromDayNumber(EXCEL_EPOCH_DAY + v);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return todayInTokyo(v);
  if (typeof v === 'string') {
    const d = parseDate(v);
    if (d) return d;
  }
  throw argumentError(arg, v, '日付を指定してください（例: 2026-05-25）', 'a date is required (e.g. 2026-05-25)');
}

/** An optional argument: blank → fallback. */
export function optional<T>(v: CellValue, fallback: T, convert: (v: CellValue) => T): T {
  return isBlank(v) ? fallback : convert(v);
}

/** A range argument with a header row → objects keyed by header text (for PAYROLL, RECONCILE). */
export function matrixToCsvText(m: Matrix): string {
  const cell = (c: CellValue): string => {
    const s = c instanceof Date ? todayInTokyo(c) : c === null || c === undefined ? '' : String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return m.map((row) => row.map(cell).join(',')).join('\n');
}
