import { isoDate, isValidYmd, type IsoDate } from './calendar.js';
import { parseWareki } from './wareki.js';

const FULL_WIDTH_DIGITS_OR_YEN = /[\uff0c-\uff19\uffe5]/;

/** Full-width digits and punctuation to ASCII (０-９ → 0-9, ／ → /, ． → ., － → -). */
export function toHalfWidthDigits(text: string): string {
  // Most cells hold none of these: test once rather than build two new strings.
  if (!FULL_WIDTH_DIGITS_OR_YEN.test(text)) return text;
  return text.replace(/[０-９／．－，]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\uffe5/g, '¥');
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A date as users type it: 2026-05-25, 2026/5/25, 20260525, 2026年5月25日, 令和8年5月25日,
 * R8.5.25 (full-width digits accepted). Undefined if it is not a real calendar date.
 */
export function parseDate(text: string): IsoDate | undefined {
  const t = toHalfWidthDigits(text).trim();
  if (t === '') return undefined;
  // Already ISO (what Urakata and most exports write): checked without the general patterns. The
  // date is still written out anew rather than returned as the cell's own text (measured when
  // this was added: returning the cell's text made the benchmark's matching about 0.2 s slower).
  if (ISO_DAY.test(t)) {
    const [y, mo, d] = [Number(t.slice(0, 4)), Number(t.slice(5, 7)), Number(t.slice(8, 10))];
    return isValidYmd(y, mo, d) ? isoDate(y, mo, d) : undefined;
  }
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  m ??= /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/.exec(t);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isValidYmd(y, mo, d) ? isoDate(y, mo, d) : undefined;
  }
  return parseWareki(t);
}
