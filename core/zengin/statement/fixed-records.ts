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
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
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

/** Reads fields of one record, collecting a problem per bad field instead of stopping. */
export class FieldReader {
  constructor(
    private readonly record: FixedRecord,
    private readonly file: string,
    readonly problems: Problem[],
    private readonly today: IsoDate,
  ) {}

  /** The raw byte at a 1-based position, as a character (for データ区分 dispatch). */
  charAt(position: number): string {
    return String.fromCharCode(this.record.bytes[position - 1] ?? 0x20);
  }

  /** An N field: digits only. `start` is the 1-based byte position as the format tables give it. */
  digits(name: string, start: number, length: number): string {
    const slice = this.record.bytes.subarray(start - 1, start - 1 + length);
    let out = '';
    for (const b of slice) out += String.fromCharCode(b);
    if (!/^\d+$/.test(out)) this.fail(name, start, length, out, '数字以外の文字があります（N項目）', 'non-digit in a numeric (N) field');
    return out;
  }

  /** An N field as a number (amounts fit in a safe integer: at most 14 digits). */
  number(name: string, start: number, length: number): number {
    const d = this.digits(name, start, length);
    return /^\d+$/.test(d) ? Number(d) : 0;
  }

  /** An N field that may be all spaces (unused) as well as digits. */
  optionalDigits(name: string, start: number, length: number): string {
    const slice = this.record.bytes.subarray(start - 1, start - 1 + length);
    if (slice.every((b) => b === 0x20)) return '';
    return this.digits(name, start, length);
  }

  /** A C field: JIS X 0201 text, trailing spaces removed. */
  text(name: string, start: number, length: number): string {
    const slice = this.record.bytes.subarray(start - 1, start - 1 + length);
    let out = '';
    for (const b of slice) {
      // JIS X 0201 Roman: 0x5C is ¥ (the 全銀 character set lists ¥, not \), 0x7E is ‾.
      if (b === 0x5c) out += '¥';
      else if (b === 0x7e) out += '‾';
      else if (b >= 0x20 && b <= 0x7e) out += String.fromCharCode(b);
      else if (b >= 0xa1 && b <= 0xdf) out += String.fromCharCode(0xff61 + b - 0xa1);
      else {
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
    }
    return out.trimEnd();
  }

  /** A 和暦 YYMMDD date (200-byte notifications); all zeros = none. */
  date(name: string, start: number, length = 6, required = true): IsoDate | undefined {
    const d = this.digits(name, start, length);
    if (!/^\d{6}$/.test(d)) return undefined;
    if (d === '000000' && !required) return undefined;
    const parsed = warekiYymmdd(d, this.today);
    if (!parsed) this.fail(name, start, length, d, '和暦の日付(YYMMDD)として読めません', 'not a Japanese-era date (YYMMDD)');
    return parsed;
  }

  fail(name: string, start: number, length: number, value: string, ja: string, en: string): void {
    this.problems.push(problem(this.file, this.record.number, `${name}(${start}–${start + length - 1})`, value, ja, en));
  }
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
