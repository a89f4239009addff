/**
 * 全銀協 fixed-length records (AP-Ⅰ-12〔別冊〕ベーシック手順 レコード・フォーマット, 令和元年12月):
 * records of 120 or 200 bytes, with or without CR LF after each; `N` fields are zero-filled
 * digits, `C` fields JIS X 0201 (ASCII + half-width katakana) padded with spaces.
 * A file with one bad record is refused whole: a statement half read is worse than none.
 */
import { fromWareki } from '../../dates/wareki.js';
import type { IsoDate } from '../../dates/calendar.js';
import { isoDate, isValidYmd, ymd } from '../../dates/calendar.js';
import { problem, type Problem } from '../../errors.js';

/** What reading a 全銀 statement needs besides its bytes. */
export interface ZenginReadOptions {
  /**
   * Today in Tokyo, from the caller: the file writes years in two digits (和暦 or 西暦), and which
   * era or century they are in is read relative to today.
   */
  readonly today: IsoDate;
}

export interface FixedRecord {
  /** 1-based position of the record in the file (what problems report as the row). */
  readonly number: number;
  readonly bytes: Uint8Array;
}

/**
 * Cuts a file into records of `length` bytes. Accepts CR LF (or LF) after each record, or none;
 * a trailing EOF mark (0x1A) is ignored. A record of another length is a problem naming it.
 * @example splitRecords(bytes, 200, 'meisai.txt').records.length // 5
 */
export function splitRecords(input: Uint8Array, length: number, file: string): { records: FixedRecord[]; problems: Problem[] } {
  let end = input.length;
  while (end > 0 && (input[end - 1] === 0x1a || input[end - 1] === 0x0a || input[end - 1] === 0x0d)) end--;
  const bytes = input.subarray(0, end);
  const records: FixedRecord[] = [];
  const problems: Problem[] = [];
  const hasNewlines = bytes.includes(0x0a) || bytes.includes(0x0d);
  if (hasNewlines) {
    let start = 0;
    let number = 1;
    for (let i = 0; i <= bytes.length; i++) {
      // The next line end, or the end of the file.
      i = bytes.indexOf(0x0a, i);
      if (i < 0) i = bytes.length;
      let stop = i;
      if (stop > start && bytes[stop - 1] === 0x0d) stop--;
      const rec = bytes.subarray(start, stop);
      if (rec.length !== length) {
        problems.push(
          problem(
            file,
            number,
            '',
            '',
            `レコード長が${rec.length}バイトです（${length}バイトのはずです）`,
            `record is ${rec.length} bytes long (expected ${length})`,
          ),
        );
      } else records.push({ number, bytes: rec });
      number++;
      start = i + 1;
    }
  } else {
    const whole = Math.floor(bytes.length / length);
    for (let n = 0; n < whole; n++) records.push({ number: n + 1, bytes: bytes.subarray(n * length, (n + 1) * length) });
    if (bytes.length % length !== 0) {
      problems.push(
        problem(
          file,
          whole + 1,
          '',
          '',
          `ファイル長が${length}バイトの倍数ではありません（最後のレコードが${bytes.length % length}バイト）`,
          `file length is not a multiple of ${length} bytes (last record has ${bytes.length % length})`,
        ),
      );
    }
  }
  return { records, problems };
}

/**
 * JIS X 0201 as a C field holds it: byte → character code, 0 for a byte outside the set. Roman:
 * 0x5C is ¥ (the 全銀 character set lists ¥, not a backslash), 0x7E is ‾; katakana 0xA1–0xDF are U+FF61–U+FF9F.
 */
const JIS_X_0201: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let b = 0x20; b <= 0x7e; b++) table[b] = b;
  table[0x5c] = 0xa5;
  table[0x7e] = 0x203e;
  for (let b = 0xa1; b <= 0xdf; b++) table[b] = 0xff61 + b - 0xa1;
  return table;
})();

/** The dates of one file's records as read (a statement repeats a few days in every record). */
export type ZenginDates = Map<string, IsoDate | undefined>;

/**
 * Reads fields of one record, collecting a problem per bad field instead of stopping. Each field
 * becomes its string in one step, from the record's bytes: built a character at a time, a
 * 48-byte name was a chain of 48 strings, which every later use had to flatten.
 */
export class FieldReader {
  constructor(
    private readonly record: FixedRecord,
    private readonly file: string,
    readonly problems: Problem[],
    private readonly today: IsoDate,
    /** The file's dates read so far, shared by its records' readers (each date is worked out once). */
    private readonly dates: ZenginDates = new Map(),
  ) {}

  /** The raw byte at a 1-based position, as a character (for データ区分 dispatch). */
  charAt(position: number): string {
    return String.fromCharCode(this.record.bytes[position - 1] ?? 0x20);
  }

  /** An N field: digits only. `start` is the 1-based byte position as the format tables give it. */
  digits(name: string, start: number, length: number): string {
    const bytes = this.record.bytes;
    const from = start - 1;
    const end = Math.min(from + length, bytes.length);
    const codes: number[] = [];
    let allDigits = end > from;
    for (let i = from; i < end; i++) {
      const b = bytes[i] as number;
      if (b < 0x30 || b > 0x39) allDigits = false;
      codes.push(b);
    }
    const out = String.fromCharCode.apply(null, codes);
    if (!allDigits) this.fail(name, start, length, out, '数字以外の文字があります（N項目）', 'non-digit in a numeric (N) field');
    return out;
  }

  /** An N field as a number (amounts fit in a safe integer: at most 14 digits). */
  number(name: string, start: number, length: number): number {
    const bytes = this.record.bytes;
    const from = start - 1;
    const end = Math.min(from + length, bytes.length);
    // Digits are added up as read (the same value as Number of the digits, exact to 15 of them);
    // a field that is not all digits goes the way of digits(), which reports it.
    let value = 0;
    let ok = end > from && end - from <= 15;
    for (let i = from; ok && i < end; i++) {
      const d = (bytes[i] as number) - 0x30;
      if (d < 0 || d > 9) ok = false;
      else value = value * 10 + d;
    }
    if (ok) return value;
    const d = this.digits(name, start, length);
    return /^\d+$/.test(d) ? Number(d) : 0;
  }

  /** An N field that may be all spaces (unused) as well as digits. */
  optionalDigits(name: string, start: number, length: number): string {
    const bytes = this.record.bytes;
    const end = Math.min(start - 1 + length, bytes.length);
    let blank = true;
    for (let i = start - 1; blank && i < end; i++) if (bytes[i] !== 0x20) blank = false;
    if (blank) return '';
    return this.digits(name, start, length);
  }

  /** A C field: JIS X 0201 text, trailing spaces removed. */
  text(name: string, start: number, length: number): string {
    const bytes = this.record.bytes;
    const from = start - 1;
    const end = Math.min(from + length, bytes.length);
    let stop = from;
    for (let i = from; i < end; i++) {
      const b = bytes[i] as number;
      if (JIS_X_0201[b] === 0) {
        this.fail(
          name,
          start,
          length,
          `0x${b.toString(16)}`,
          'JIS X 0201以外の文字があります（C項目）',
          'byte outside JIS X 0201 in a text (C) field',
        );
        return '';
      }
      // Trailing spaces are cut (the only white space in the set).
      if (b !== 0x20) stop = i + 1;
    }
    const codes: number[] = [];
    for (let i = from; i < stop; i++) codes.push(JIS_X_0201[bytes[i] as number] as number);
    return String.fromCharCode.apply(null, codes);
  }

  /** A 和暦 YYMMDD date (200-byte notifications); all zeros = none. */
  date(name: string, start: number, length = 6, required = true): IsoDate | undefined {
    const d = this.digits(name, start, length);
    if (!/^\d{6}$/.test(d)) return undefined;
    if (d === '000000' && !required) return undefined;
    let parsed = this.dates.get(d);
    if (parsed === undefined && !this.dates.has(d)) {
      parsed = warekiYymmdd(d, this.today);
      this.dates.set(d, parsed);
    }
    if (!parsed) this.fail(name, start, length, d, '和暦の日付(YYMMDD)として読めません', 'not a Japanese-era date (YYMMDD)');
    return parsed;
  }

  fail(name: string, start: number, length: number, value: string, ja: string, en: string): void {
    this.problems.push(problem(this.file, this.record.number, `${name}(${start}–${start + length - 1})`, value, ja, en));
  }
}

/**
 * '' for a code field that is all zeros (none given), else the field as read.
 * @example orNone('0000000') // ''
 */
export function orNone(digits: string): string {
  for (let i = 0; i < digits.length; i++) if (digits.charCodeAt(i) !== 0x30) return digits;
  return '';
}

/**
 * A 和暦 YYMMDD as 全銀 notifications write it: 令和 when that year is no more than a year ahead;
 * else 西暦 20YY when that is within the last two years or the next (some banks write 西暦:
 * reconcile.md §3.1, "detect by range"); else 平成 (きらぼし銀行's layout shows 280503 =
 * 平成28年5月3日). A day that does not exist in the era read — 令和8年2月29日, 平成31年5月1日 — is
 * undefined (reported), never read in another era. `today` is the caller's (core has no clock).
 * @example warekiYymmdd('070105', '2026-06-01') // '2025-01-05'
 */
export function warekiYymmdd(yymmdd: string, today: IsoDate): IsoDate | undefined {
  const y = Number(yymmdd.slice(0, 2));
  const m = Number(yymmdd.slice(2, 4));
  const d = Number(yymmdd.slice(4, 6));
  const thisYear = ymd(today).year;
  if (REIWA_FIRST_YEAR + y - 1 <= thisYear + 1) return fromWareki('R', y, m, d);
  const western = 2000 + y;
  if (western >= thisYear - 2 && western <= thisYear + 1) return isValidYmd(western, m, d) ? isoDate(western, m, d) : undefined;
  return fromWareki('H', y, m, d);
}

const REIWA_FIRST_YEAR = 2019;
