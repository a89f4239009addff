/**
 * Typed CSV columns. A column names its aliases (English snake_case first, then Japanese) and
 * parses one cell; a bad cell becomes a Problem with the row and the column as written in the file.
 */
import { parseDate, toHalfWidthDigits } from '../dates/parse.js';
import type { IsoDate } from '../dates/calendar.js';
import { rate, type Rate } from '../money/rate.js';

export type CellResult<T> = { ok: true; value: T } | { ok: false; message_ja: string; message_en: string };

export const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
export const bad = <T = never>(message_ja: string, message_en: string): CellResult<T> => ({ ok: false, message_ja, message_en });

export class Column<T> {
  constructor(
    /** Header names accepted; the first is the canonical English name. */
    readonly aliases: readonly string[],
    readonly parseCell: (raw: string) => CellResult<T>,
    /** Whether the header may be absent / the cell empty. */
    readonly optional: boolean = false,
    readonly fallback: { value: T } | undefined = undefined,
  ) {
    if (aliases.length === 0) throw new Error('Column needs at least one header name');
  }

  get name(): string {
    return this.aliases[0] ?? '';
  }

  /** Header and cell may be missing; the value is then `undefined`. */
  asOptional(): Column<T | undefined> {
    return new Column<T | undefined>(this.aliases, this.parseCell, true, { value: undefined });
  }

  /** Header and cell may be missing; the value is then `value`. */
  withDefault(value: T): Column<T> {
    return new Column<T>(this.aliases, this.parseCell, true, { value });
  }

  /** Further validation on the parsed value (range checks etc.). */
  check(test: (value: T) => CellResult<T>): Column<T> {
    const parse = this.parseCell;
    return new Column<T>(
      this.aliases,
      (raw) => {
        const r = parse(raw);
        return r.ok ? test(r.value) : r;
      },
      this.optional,
      this.fallback,
    );
  }
}

/** Free text, trimmed. */
export function text(...aliases: string[]): Column<string> {
  return new Column(aliases, (raw) => ok(raw.trim()));
}

/**
 * Free text of at most `max` characters: a field printed on a document has a place of a fixed
 * size, and a huge one costs the layout far more than its length (80,000 characters in one name
 * took a server down).
 * @example shortText(100, 'customer_name', '取引先名')
 */
export function shortText(max: number, ...aliases: string[]): Column<string> {
  return text(...aliases).check((v) =>
    [...v].length > max ? bad(`${max}文字以内で入力してください`, `must be at most ${max} characters`) : ok(v),
  );
}

const NEGATIVE_MARKS = /^[-−‐－△▲]/;

/**
 * A yen amount: `12,345`, `¥12,345`, `￥１２，３４５`, `12345円`, negatives with `-`, `△` or `▲`.
 * Fractions are refused (yen are integers).
 */
export function parseYen(raw: string): CellResult<number> {
  // Most amounts are plain digits (what exports write): read without the patterns below, to the
  // same value. Up to 15 digits, every value is a safe integer.
  const plain = plainInteger(raw);
  if (plain !== undefined) return ok(plain);
  let t = toHalfWidthDigits(raw)
    .trim()
    .replace(/[¥\\￥]/g, '')
    .replace(/円$/, '')
    .trim();
  let negative = false;
  if (NEGATIVE_MARKS.test(t)) {
    negative = true;
    t = t.slice(1).trim();
  }
  if (!/^\d{1,3}(,\d{3})*$|^\d+$/.test(t)) {
    return bad('金額は整数の円で入力してください（例: 12,345）', 'amount must be whole yen (e.g. 12,345)');
  }
  const value = Number(t.replace(/,/g, ''));
  if (!Number.isSafeInteger(value)) return bad('金額が大きすぎます', 'amount is too large');
  return ok(negative && value !== 0 ? -value : value);
}

/**
 * The value of a cell of 1 to 15 ASCII digits, with or without a leading `-` (never -0), else
 * undefined.
 * @example plainInteger('-0120') // -120
 */
function plainInteger(raw: string): number | undefined {
  const n = raw.length;
  const from = raw.charCodeAt(0) === 0x2d ? 1 : 0;
  if (n === from || n - from > 15) return undefined;
  let value = 0;
  for (let i = from; i < n; i++) {
    const d = raw.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return undefined;
    value = value * 10 + d;
  }
  return from === 1 && value !== 0 ? -value : value;
}

export function yen(...aliases: string[]): Column<number> {
  return new Column(aliases, parseYen);
}

/** A yen amount that must not be negative. */
export function nonNegativeYen(...aliases: string[]): Column<number> {
  return yen(...aliases).check((v) => (v < 0 ? bad('負の金額は使えません', 'amount must not be negative') : ok(v)));
}

export function integer(...aliases: string[]): Column<number> {
  return new Column(aliases, (raw) => {
    const t = toHalfWidthDigits(raw).trim().replace(/,/g, '');
    if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) return bad('整数で入力してください', 'must be a whole number');
    return ok(Number(t));
  });
}

/**
 * An exact decimal (quantities such as 1.5 hours or 2.25 kg) as a Rate num/den — never a float.
 * @example parseDecimal('1.25') // {num: 5, den: 4}
 */
export function parseDecimal(raw: string): CellResult<Rate> {
  const t = toHalfWidthDigits(raw).trim().replace(/,/g, '');
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(t);
  if (!m) return bad('数値で入力してください（小数は6桁まで）', 'must be a number (up to 6 decimal places)');
  const frac = m[3] ?? '';
  const num = Number(`${m[2]}${frac}`);
  if (!Number.isSafeInteger(num)) return bad('数値が大きすぎます', 'number is too large');
  return ok(rate(m[1] === '-' ? -num : num, 10 ** frac.length));
}

export function decimal(...aliases: string[]): Column<Rate> {
  return new Column(aliases, parseDecimal);
}

/**
 * Hours as a decimal (12.5) or as a clock shows them (12:30, what a cell formatted [h]:mm shows):
 * exact, 12:30 = 25/2 and 0:20 = 1/3. Minutes run 00–59; seconds are not taken.
 * @example parseHours('7:45') // {num: 31, den: 4}
 */
export function parseHours(raw: string): CellResult<Rate> {
  const clock = /^(-?)(\d{1,6}):(\d{2})$/.exec(toHalfWidthDigits(raw).trim().replace(/：/g, ':'));
  if (!clock) {
    if (raw.includes(':') || raw.includes('：'))
      return bad('時間は 12.5 か 12:30（時:分）で入力してください（秒は使えません）', 'hours as 12.5 or 12:30 (hours:minutes; no seconds)');
    return parseDecimal(raw);
  }
  const minutes = Number(clock[3]);
  if (minutes > 59) return bad('分は00〜59で入力してください（例: 12:30）', 'minutes run 00–59 (e.g. 12:30)');
  const total = Number(clock[2]) * 60 + minutes;
  return ok(rate(clock[1] === '-' ? -total : total, 60));
}

export function hours(...aliases: string[]): Column<Rate> {
  return new Column(aliases, parseHours);
}

/** Dates: 2026-05-25, 2026/5/25, 令和8年5月25日, R8.5.25. */
export function date(...aliases: string[]): Column<IsoDate> {
  return new Column(aliases, (raw) => {
    const d = parseDate(raw);
    return d
      ? ok(d)
      : bad('日付が読めません（例: 2026-05-25, 2026/5/25, 令和8年5月25日, R8.5.25）', 'not a date (e.g. 2026-05-25, 2026/5/25, R8.5.25)');
  });
}

/** One of a fixed set of values; keys are matched after NFKC and case folding. */
export function oneOf<T>(choices: Readonly<Record<string, T>>, ...aliases: string[]): Column<T> {
  const table = new Map(Object.entries(choices).map(([k, v]) => [normalizeKey(k), v] as const));
  const listed = Object.keys(choices).join(' / ');
  return new Column(aliases, (raw) => {
    const v = table.get(normalizeKey(raw));
    return v === undefined ? bad(`次のいずれかを入力してください: ${listed}`, `must be one of: ${listed}`) : ok(v);
  });
}

/** How people write yes and no in a cell. */
export const YES_NO: Readonly<Record<string, boolean>> = {
  yes: true,
  no: false,
  y: true,
  n: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
  はい: true,
  いいえ: false,
  有: true,
  無: false,
  あり: true,
  なし: false,
  '○': true,
  '×': false,
};

/** A yes/no cell (yes, はい, 有, ○, 1 … / no, いいえ, 無, ×, 0 …). */
export function yesNo(...aliases: string[]): Column<boolean> {
  return oneOf(YES_NO, ...aliases);
}

/** Header and choice matching: NFKC, lower case, no spaces, `-` and `_` ignored. */
export function normalizeKey(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_-]/g, '');
}
