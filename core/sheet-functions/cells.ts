/**
 * Spreadsheet cell values → core types, for the functions of design §3.1 that Excel (URA.*) and
 * Sheets (URA_*) both call. Excel passes dates as serial numbers, Sheets as Date objects, users
 * type strings: all three are accepted. A bad argument throws an InputError naming it, which the
 * hosts show as #VALUE! (Excel) or a thrown Error (Sheets) with the same text.
 */
import { dayNumber, fromDayNumber, type IsoDate, tokyoDateOf } from '../dates/calendar.js';
import { parseDate } from '../dates/parse.js';
import { argumentError, InputError } from '../errors.js';
import { normalizeKey, parseDecimal, parseYen } from '../csv/columns.js';
import { neutraliseFormula } from '../csv/write.js';

export type CellValue = string | number | boolean | Date | null | undefined;
export type Matrix = readonly (readonly CellValue[])[];

/**
 * What a host gives the spreadsheet functions besides the cells: today in Tokyo, read from its
 * clock at each call (core has none). A blank date argument means today, a blank year this year,
 * and INVOICETAX uses the rates in force today.
 */
export interface SheetContext {
  readonly today: IsoDate;
}

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

/**
 * What a Google Sheets cell shows, from the wall-clock reading of the Date Sheets gives for it.
 * Sheets counts dates, times and durations from 1899-12-30 00:00 in the spreadsheet's time zone,
 * so a host that formats the Date in that zone (`wall`: 'YYYY-MM-DD HH:mm:ss') reads the cell
 * as typed, whatever the zone: a date as its day (a time of day on it is dropped, as cellToDate
 * drops it); a time or duration (12:00, or 50:30 in a [h]:mm cell, counted from 1899-12-30: any
 * reading before 1901) as its hours 'h:mm', or 'h:mm:ss' when it has seconds (which an hours
 * column then refuses, rather than round). Undefined for a reading not of that shape.
 * @example sheetsWallClock('2026-05-25 00:00:00') // '2026-05-25'
 * @example sheetsWallClock('1899-12-31 02:30:00') // '26:30'
 */
export function sheetsWallClock(wall: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(wall);
  if (!m) return undefined;
  const day = `${m[1]}-${m[2]}-${m[3]}` as IsoDate;
  if (day >= DURATIONS_END) return parseDate(day) ?? undefined;
  const hours = (dayNumber(day) - EXCEL_EPOCH_DAY) * 24 + Number(m[4]);
  if (hours < 0) return undefined;
  return m[6] === '00' ? `${hours}:${m[5]}` : `${hours}:${m[5]}:${m[6]}`;
}

/** The serials a date argument takes: 1900-03-01 (after Excel's 1900-02-29) to 2099-12-31. */
const FIRST_SERIAL = 61;
const LAST_SERIAL = 73050;

/** Readings before this day are times and durations (8,000 hours and more), not dates. */
const DURATIONS_END = '1901-01-01';

/**
 * A calendar date: Excel serial number (a date-time serial gives its day), Date (Sheets; read as
 * its Tokyo day), or text. A number is a serial from 1900-03-01 (61) to 2099-12-31 (73050) —
 * Excel counts a 1900-02-29 that never was, so earlier serials are off by a day — or 年月日 digits
 * (20260601, as a bank CSV opened in a spreadsheet holds them); any other number is refused (80601,
 * 令和8年6月1日 with its 0 lost, had been read as the serial of 2120-09-03).
 */
export function cellToDate(v: CellValue, arg: string): IsoDate {
  if (typeof v === 'number' && v >= FIRST_SERIAL && v < LAST_SERIAL + 1) return fromDayNumber(EXCEL_EPOCH_DAY + Math.floor(v));
  if (typeof v === 'number' && Number.isInteger(v) && v >= 19000101 && v <= 20991231) {
    const d = parseDate(String(v));
    if (d) return d;
  }
  if (v instanceof Date && !Number.isNaN(v.getTime())) return tokyoDateOf(v);
  if (typeof v === 'string') {
    const d = parseDate(v);
    if (d) return d;
  }
  throw argumentError(arg, v, '日付を指定してください（例: 2026-05-25）', 'a date is required (e.g. 2026-05-25)');
}

/**
 * The columns of a range (header row first) whose header is one of `headers`, as ISO dates: Excel
 * passes date cells as serial numbers, Sheets as Date objects; text is left for the reader.
 * @example withIsoDates([['生年月日'], [29326]], ['birth_date', '生年月日'], 'birth_date') // [['生年月日'], ['1980-04-15']]
 */
export function withIsoDates(m: Matrix, headers: readonly string[], arg: string): Matrix {
  const keys = new Set(headers.map(normalizeKey));
  const dateColumns = new Set((m[0] ?? []).flatMap((h, i) => (typeof h === 'string' && keys.has(normalizeKey(h)) ? [i] : [])));
  if (dateColumns.size === 0) return m;
  return m.map((row, r) =>
    r === 0
      ? row
      : row.map((c, i) =>
          dateColumns.has(i) && (typeof c === 'number' || c instanceof Date) ? atRow(r + 1, () => cellToDate(c, arg)) : c,
        ),
  );
}

/**
 * Re-labels an argument error with the row of the range it came from: `taxable[row 5]`.
 * @example atRow(5, () => cellToYen('abc', 'taxable')) // throws an InputError on column 'taxable[row 5]'
 */
export function atRow<T>(row: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(
      e.problems.map((p) => ({ ...p, column: `${p.column}[row ${row}]` })),
      { cause: e },
    );
  }
}

/** An optional argument: blank → fallback. */
export function optional<T>(v: CellValue, fallback: T, convert: (v: CellValue) => T): T {
  return isBlank(v) ? fallback : convert(v);
}

/**
 * A range argument with a header row as CSV text (for PAYROLL, RECONCILE and the panes). Blank
 * rows are passed over — a range is often drawn roomier than its data (A1:P51 for 5 employees) —
 * and numbers are written as their shortest decimal (=0.7+0.4 is 1.1, not 1.0999999999999999),
 * as single-cell arguments are.
 */
export function matrixToCsvText(m: Matrix): string {
  const cell = (c: CellValue): string => {
    const s =
      c instanceof Date ? tokyoDateOf(c) : typeof c === 'number' ? numberToDecimalText(c) : c === null || c === undefined ? '' : String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  // A blank row becomes an empty line, which the reader skips while still counting it: rows
  // after it keep their sheet row numbers in messages.
  return m.map((row, i) => (i > 0 && row.every(isBlank) ? '' : row.map(cell).join(','))).join('\n');
}

/** What a sheet reads as a number when written as a value: digits, with commas, a point or %. */
const NUMBER_LIKE = /^\s*\d[\d,]*(\.\d*)?\s*%?\s*$/;

/**
 * Text written into a sheet stays text. Excel's range.values and Sheets' setValues read a string
 * as if typed: one that starts like a formula (=, +, -, @) would run, and one of digits would
 * become a number — a 得意先コード 0012 would be 12 and no longer match next month. Both get the
 * sheet's text prefix ', which the sheet does not show; digits that read back the same (1, 2026)
 * are left to the sheet.
 * @example keepAsText('0012') // "'0012"
 */
export function keepAsText(s: string): string {
  const safe = neutraliseFormula(s);
  if (safe !== s) return safe;
  // An ISO date is written for the sheet to take as a date (the panes' date columns).
  if (!ISO_DATE.test(s) && RETYPED.some((pattern) => pattern.test(s))) return `'${s}`;
  if (!NUMBER_LIKE.test(s)) return s;
  // Only where reading it as a number would change it: 0012, 1,000, 12.50, 5 % (1 stays 1).
  return String(Number(s)) === s ? s : `'${s}`;
}

/**
 * Text a sheet retypes when it is written as a value: dates (1-2, 5/1, 2026-05, 5月1日, 令和8年
 * 5月25日, R8.5.25), times (12:30), booleans, numbers with an exponent, a currency sign or a
 * fraction. An id such as 社員番号 1-2 became a date. (A whole ISO date, 2026-05-25, is what the
 * panes write into their date columns, for the sheet to make a date of.) The prefix ' is not shown, and a cell read
 * back gives the text without it, so prefixing one the sheet would have left alone costs nothing.
 */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

const RETYPED: readonly RegExp[] = [
  /^\s*\d{1,4}\s*[-/]\s*\d{1,2}(\s*[-/]\s*\d{1,4})?\s*$/,
  /^\s*\d{1,5}:\d{1,2}(:\d{1,2})?(\.\d+)?\s*([ap]\.?m\.?)?\s*$/i,
  /^\s*(true|false)\s*$/i,
  /^\s*[+-]?(\d[\d,]*(\.\d*)?|\.\d+)[eE][+-]?\d+\s*$/,
  /^\s*(\d{1,4}\s*年\s*)?\d{1,2}\s*月(\s*\d{1,2}\s*日)?\s*$/,
  /^\s*(\d{1,4}\s*年\s*\d{1,2}\s*月|(令和|平成|昭和|大正|明治)\s*(\d{1,2}|元)\s*年)/,
  /^\s*[RHSTMrhstm]\s*\d{1,2}\s*[./-]\s*\d{1,2}(\s*[./-]\s*\d{1,2})?\s*$/,
  /^\s*[-+]?\s*[¥￥$€£]\s*[-+]?\d/,
  /^\s*\d+\s+\d+\s*\/\s*\d+\s*$/,
];

/**
 * A value as a pane writes it into a cell, in Excel and in Sheets: numbers and booleans as they
 * are, text through {@link keepAsText} (a payer name 「=HYPERLINK(…)」 does not run, 0012 stays
 * 0012), nothing as an empty cell, anything else as its text. A Date is left to the host (Sheets
 * takes it as a date; Excel needs a serial).
 * @example sheetCell('=1+1') // "'=1+1"
 */
export function sheetCell(v: unknown): string | number | boolean {
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  if (v === null || v === undefined) return '';
  if (typeof v === 'bigint' && Number.isSafeInteger(Number(v))) return Number(v);
  return keepAsText(String(v));
}
