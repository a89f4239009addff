/**
 * CSV out: UTF-8 with BOM by default (Excel on Windows then opens it as UTF-8), Shift_JIS on
 * request. Safe from formula injection (CWE-1236): a text cell beginning with = + - @ — in half or
 * full width (＝ ＋ － ＠, as a Japanese IME types them), or the minus sign U+2212 (which Shift_JIS
 * writes as the bytes Windows reads back as －), after any leading spaces and tabs, which
 * spreadsheets skip — or with a tab, CR or LF is prefixed with `'` so a spreadsheet shows it as
 * text instead of running it. Numbers stay numbers.
 */
import { encodeText, joinedBytes, type TextEncodingName } from './encoding.js';

export type Cell = string | number | bigint | boolean | null | undefined;

const FORMULA_START = /^(?:[\p{Zs}\u00a0\ufeff\t]*[=+\-@＝＋－＠\u2212]|[\t\r\n])/u;

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

/** A cell's text before quoting: a text cell neutralised, a number's digits, '' for none. */
function cellText(cell: Cell): string {
  if (typeof cell === 'string') return cell === '' ? '' : neutraliseFormula(cell);
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number' && !Number.isFinite(cell)) throw new RangeError(`CSV: ${cell} is not a finite number`);
  return String(cell);
}

/** Quoted, as a cell holding `"`, `,`, CR or LF, or starting or ending with a space, is written. */
function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Whether a space at either end (what String.prototype.trim removes) makes the cell quoted. */
function spaceAtEnd(text: string): boolean {
  return text !== '' && (isTrimmed(text.charCodeAt(0)) || isTrimmed(text.charCodeAt(text.length - 1)));
}

function field(cell: Cell): string {
  const text = cellText(cell);
  return QUOTE_NEEDED.test(text) || spaceAtEnd(text) ? quoted(text) : text;
}

const QUOTE_NEEDED = /[",\r\n]/;

/**
 * Whether String.prototype.trim removes this UTF-16 unit (ECMAScript WhiteSpace and
 * LineTerminator): a cell that starts or ends with one is quoted, so the space is kept.
 */
function isTrimmed(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** One CSV line, CRLF ended. */
function csvLine(row: readonly Cell[]): string {
  let line = row.length > 0 ? field(row[0]) : '';
  for (let i = 1; i < row.length; i++) line += `,${field(row[i])}`;
  return `${line}\r\n`;
}

/** CSV text (CRLF line ends, as Excel writes). */
export function toCsvText(rows: Iterable<readonly Cell[]>): string {
  let out = '';
  for (const row of rows) out += csvLine(row);
  return out;
}

/**
 * The CSV file, whole. UTF-8 (with BOM by default) or Shift_JIS.
 * @example new TextDecoder().decode(writeCsv([['a', 1]])) // '\uFEFFa,1\r\n'
 */
export function writeCsv(rows: Iterable<readonly Cell[]>, encoding: TextEncodingName = 'utf-8-bom'): Uint8Array {
  return joinedBytes(csvPieces(rows, encoding));
}

/** Bytes a piece of csvPieces holds at most, but for one row larger than that. */
const PIECE_BYTES = 1 << 20;
/** The buffer a table starts with. */
const FIRST_BYTES = 1 << 12;
/** UTF-16 units of CSV text gathered before they are encoded at once. */
const TEXT_UNITS = 1 << 14;

/**
 * The CSV file in pieces of about a megabyte, for a writer that streams them to a file: a table of
 * a few hundred thousand rows is never held whole, as one string or as bytes, nor its rows all at
 * once when they come from a generator. Rows are made into text as toCsvText makes them, a few
 * thousand characters at a time, and each such run is encoded at once (TextEncoder.encodeInto)
 * into one buffer that every piece reuses: **a piece is valid only until the next is asked for**
 * (copy it to keep it). Fresh memory for a whole 55 MB file costs more than encoding it, and
 * encoding cell by cell in script cost up to twice the platform's encoder. A row larger than a piece
 * lands whole in one piece. Shift_JIS comes as one piece (its encoder refuses a character with its
 * position in the whole text).
 */
export function* csvPieces(rows: Iterable<readonly Cell[]>, encoding: TextEncodingName = 'utf-8-bom'): Generator<Uint8Array> {
  if (encoding === 'shift_jis') {
    yield encodeText(toCsvText(rows), encoding);
    return;
  }
  const encoder = new TextEncoder();
  // A small table needs a small buffer: it grows to a piece's size, then each full piece is given.
  let out = new Uint8Array(FIRST_BYTES);
  let n = 0;
  let text = encoding === 'utf-8-bom' ? '\uFEFF' : '';
  /** Encodes the text gathered, giving the piece before it when it would not fit. */
  function* flush(): Generator<Uint8Array> {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    const need = text.length * 3;
    if (n + need > out.length) {
      if (n + need <= PIECE_BYTES) out = grown(out, n, Math.min(PIECE_BYTES, Math.max(n + need, out.length * 2)));
      else {
        if (n > 0) yield out.subarray(0, n);
        n = 0;
        if (need > out.length) out = new Uint8Array(Math.max(need, PIECE_BYTES));
      }
    }
    n += utf8Into(encoder, text, out, n);
    text = '';
  }
  // for…of, so that rows left unread (the writer stopped, a row refused) are let go of.
  for (const row of rows) {
    text += csvLine(row);
    if (text.length >= TEXT_UNITS) yield* flush();
  }
  yield* flush();
  if (n > 0) yield out.subarray(0, n);
}

/** Writes `text` as UTF-8 at `at` (room made by the caller) and returns the bytes written; where encodeInto is missing, by encode. */
function utf8Into(encoder: TextEncoder, text: string, out: Uint8Array, at: number): number {
  if (typeof encoder.encodeInto === 'function') return encoder.encodeInto(text, out.subarray(at)).written;
  const bytes = encoder.encode(text);
  out.set(bytes, at);
  return bytes.length;
}

/** A buffer of `size` bytes holding the first `used` bytes of `out`. */
function grown(out: Uint8Array<ArrayBuffer>, used: number, size: number): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(size);
  next.set(out.subarray(0, used));
  return next;
}

/** Rows of objects → header + rows, in the given column order. */
export function objectsToRows<K extends string>(columns: readonly K[], objects: Iterable<Readonly<Record<K, Cell>>>): Cell[][] {
  const rows: Cell[][] = [columns.slice()];
  for (const o of objects) rows.push(columns.map((c) => o[c]));
  return rows;
}
