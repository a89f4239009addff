/**
 * A cell's stored value as the text a CSV export would give the same reader: dates as YYYY-MM-DD,
 * numbers at most 15 significant digits (as Excel shows them, so a sum stored as
 * 1100.0000000000002 reads 1100 and an amount column still gets an integer), percentages with %.
 */

/** How a number format shows a number, as far as the readers care. */
export type NumberKind = 'number' | 'percent' | 'date' | 'time' | 'datetime';

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, and the ja-JP ones 27–36, 50–58). */
const BUILTIN: ReadonlyMap<number, NumberKind> = new Map<number, NumberKind>([
  [9, 'percent'],
  [10, 'percent'],
  ...[14, 15, 16, 17, 27, 28, 29, 30, 31, 34, 35, 36, 50, 51, 52, 53, 54, 55, 56, 57, 58].map((id) => [id, 'date'] as [number, NumberKind]),
  ...[18, 19, 20, 21, 32, 33, 45, 46, 47].map((id) => [id, 'time'] as [number, NumberKind]),
  [22, 'datetime'],
]);

/**
 * What a number format shows: a custom code is read for its date, time and percent letters
 * outside quoted text, escapes and [colour]/[$-411] sections.
 * @example numberKind(176, 'yyyy"年"m"月"d"日"') // 'date'
 */
export function numberKind(id: number, code: string | undefined): NumberKind {
  const builtin = BUILTIN.get(id);
  if (builtin !== undefined) return builtin;
  if (code === undefined) return 'number';
  // The first section (positive numbers) decides; [h], [mm], [ss] are elapsed time.
  const first = code.split(';')[0] ?? '';
  const bare = first
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/_./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, '$1')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase();
  if (bare.includes('%')) return 'percent';
  const date = /[ydeg]/.test(bare) || (/m/.test(bare) && !/[hs]/.test(bare));
  const time = /[hs]/.test(bare);
  if (date && time) return 'datetime';
  if (date) return 'date';
  if (time) return 'time';
  return 'number';
}

/**
 * What a number format code shows, given as text alone (office-js gives a cell's `numberFormat`,
 * not its id): `General` is a number, anything else is read as {@link numberKind} reads a custom code.
 * @example formatKind('[$-ja-JP]ggge"年"m"月"d"日"') // 'date'
 */
export function formatKind(code: string): NumberKind {
  return /^\s*general\s*$/i.test(code) ? 'number' : numberKind(-1, code);
}

/**
 * A number as Excel shows it in a General cell: 15 significant digits, no trailing zeros.
 * @example excelNumber(0.1 + 0.2) // '0.3'
 */
export function excelNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const rounded = Number(n.toPrecision(15));
  return String(rounded === 0 ? 0 : rounded);
}

const DAY_MS = 86_400_000;
/** Day 0 of each date system: 1899-12-30 for serials from 61 in the 1900 system (Lotus's 1900-02-29 counted), 1904-01-01. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/**
 * A date serial as YYYY-MM-DD (and the time of day when it has one). Serial 60 is the 1900-02-29
 * that never was (kept by Excel for Lotus 1-2-3); it is refused as undefined, as are negatives.
 * @example excelDate(46167, false, 'date') // '2026-05-25'
 */
export function excelDate(serial: number, date1904: boolean, kind: 'date' | 'datetime'): string | undefined {
  if (!(serial >= 0) || (!date1904 && serial >= 60 && serial < 61)) return undefined;
  const days = Math.floor(serial);
  const shifted = !date1904 && days < 60 ? days + 1 : days;
  const iso = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + shifted * DAY_MS).toISOString().slice(0, 10);
  const seconds = Math.round((serial - days) * 86_400);
  return kind === 'date' || seconds === 0 ? iso : `${iso} ${clock(seconds, false)}`;
}

/**
 * A time or duration (a fraction of days) as H:MM, or H:MM:SS when it has seconds; hours past 24 go on counting.
 * @example excelTime(1.5) // '36:00'
 */
export function excelTime(serial: number): string {
  return clock(Math.round(Math.abs(serial) * 86_400), serial < 0);
}

function clock(seconds: number, negative: boolean): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (x: number) => String(x).padStart(2, '0');
  return `${negative ? '-' : ''}${h}:${two(m)}${s === 0 ? '' : `:${two(s)}`}`;
}

/**
 * A stored number (the text of `<v>`) shown as its format says.
 * @example cellNumberText('0.1', 'percent', false) // '10%'
 */
export function cellNumberText(stored: string, kind: NumberKind, date1904: boolean): string | undefined {
  const n = Number(stored);
  if (stored.trim() === '' || !Number.isFinite(n)) return undefined;
  switch (kind) {
    case 'percent':
      return `${excelNumber(n * 100)}%`;
    case 'date':
    case 'datetime':
      return excelDate(n, date1904, kind);
    case 'time':
      return excelTime(n);
    default:
      return excelNumber(n);
  }
}

/**
 * Excel's column letters for a 0-based index.
 * @example columnLetters(27) // 'AB'
 */
export function columnLetters(index: number): string {
  let s = '';
  for (let i = index + 1; i > 0; i = Math.floor((i - 1) / 26)) s = String.fromCharCode(65 + ((i - 1) % 26)) + s;
  return s;
}

/** A column's letters as its 1-based number: A → 1, AB → 28 (columnLetters gives them back from the 0-based index). */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Where a range starts, as both spreadsheets address it ('請求明細'!C5:H9, C5, a whole column C:H,
 * whole rows 5:9): its first row and column, both 1-based; a whole column starts at row 1, whole
 * rows at column A, and anything else unread at A1.
 * @example rangeStart("'4月 入金'!C5:H9") // { row: 5, column: 3 }
 * @example rangeStart('請求明細!C:H') // { row: 1, column: 3 }
 */
export function rangeStart(address: string): { readonly row: number; readonly column: number } {
  const first = (address.slice(address.lastIndexOf('!') + 1).split(':')[0] ?? '').replace(/\$/g, '');
  const m = /^([A-Za-z]{0,3})(\d{0,7})$/.exec(first);
  return { row: Math.max(1, Number(m?.[2] || 1)), column: m ? columnNumber(m[1] || 'A') : 1 };
}

/**
 * A cell reference's row and 0-based column; undefined when it is not one.
 * @example cellReference('AB12') // { row: 12, column: 27 }
 */
export function cellReference(ref: string): { row: number; column: number } | undefined {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref);
  if (!m) return undefined;
  return { row: Number(m[2]), column: columnNumber(m[1] ?? '') - 1 };
}
