/**
 * Kana text as banks write it and as customer masters write it, brought to one form so the two
 * compare (入金消込の名寄せ). Bank payer names are JIS X 0201 half-width katakana without small
 * kana (全銀協 ベーシック手順: 小文字は使用不可, so ｼﾖｳｼﾞ stands for ショウジ), while masters
 * hold full-width furigana with small kana: both sides are folded to the same full-size form.
 */

/**
 * Long-vowel marks and every dash a payer or a decoder produces for one: U+30FC ー, U+FF70 ｰ,
 * ASCII '-', U+2212 − (what a JIS-mapping Shift_JIS decoder makes of 0x817C), U+2010 ‐,
 * U+2011, U+2013, U+2014, U+2015 ―, U+FF0D －. NFKC keeps most of these apart, so they are
 * folded explicitly. They are deleted from keys: payers write ﾎｰﾑ, ﾎ-ﾑ and ﾎﾑ for ホーム.
 */
export const LONG_VOWEL_OR_DASH = /[ー\uFF70\-\u2212\u2010\u2011\u2013\u2014\u2015\uFF0D]/g;

const SMALL_TO_FULL: Readonly<Record<string, string>> = {
  ァ: 'ア',
  ィ: 'イ',
  ゥ: 'ウ',
  ェ: 'エ',
  ォ: 'オ',
  ャ: 'ヤ',
  ュ: 'ユ',
  ョ: 'ヨ',
  ッ: 'ツ',
  ヮ: 'ワ',
  ヵ: 'カ',
  ヶ: 'ケ',
};
const SMALL_KANA = /[ァィゥェォャュョッヮヵヶ]/g;

/**
 * Spellings payers mix up and banks accept either way: ヂ/ジ, ヅ/ズ, ヴ/ブ, ヲ/オ, ヰ/イ, ヱ/エ.
 * Folded in keys only; never shown.
 */
const SOUND_ALIKE: Readonly<Record<string, string>> = { ヂ: 'ジ', ヅ: 'ズ', ヴ: 'ブ', ヲ: 'オ', ヰ: 'イ', ヱ: 'エ' };
const SOUND_ALIKE_CHARS = /[ヂヅヴヲヰヱ]/g;

/** Hiragana → katakana (furigana columns are often typed in hiragana). */
function hiraganaToKatakana(text: string): string {
  return text.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
}

/**
 * Display form of a kana name: NFKC (half-width → full-width katakana, ﾞﾟ composed, full-width
 * ASCII → ASCII), hiragana → katakana, small kana → full size, upper-case Latin, ・ and ideographic
 * space → space, dashes → ー, runs of spaces → one.
 * @example normalizeKana('ｶ)ﾔﾏﾀﾞ ｼﾖｳｼﾞ') // 'カ)ヤマダ ショウジ'
 */
export function normalizeKana(text: string): string {
  const nfkc = kanaNfkc(text) ?? text.replace(LONG_VOWEL_OR_DASH, 'ー').normalize('NFKC');
  return foldPlainKana(nfkc) ?? foldKana(nfkc);
}

/** Code units being built by kanaNfkc, foldPlainKana and plainKey (each finishes its string before the next starts). */
const scratch: number[] = [];

// What NFKC makes of each half-width character U+FF61–FF9F alone, and the katakana a voiced
// (U+3099) or semi-voiced (U+309A) mark composes with: both read from normalize() itself.
const HALF_WIDTH_NFKC = new Uint16Array(0xff9f - 0xff61 + 1);
for (let c = 0xff61; c <= 0xff9f; c++) {
  const n = String.fromCharCode(c).normalize('NFKC');
  HALF_WIDTH_NFKC[c - 0xff61] = n.length === 1 ? n.charCodeAt(0) : 0;
}
const VOICED = new Uint16Array(0x30ff - 0x30a0);
const SEMI_VOICED = new Uint16Array(0x30ff - 0x30a0);
for (let c = 0x30a1; c < 0x30ff; c++) {
  const voiced = `${String.fromCharCode(c)}\u3099`.normalize('NFC');
  const semi = `${String.fromCharCode(c)}\u309a`.normalize('NFC');
  if (voiced.length === 1) VOICED[c - 0x30a0] = voiced.charCodeAt(0);
  if (semi.length === 1) SEMI_VOICED[c - 0x30a0] = semi.charCodeAt(0);
}

/**
 * Printable ASCII, hiragana ぁ–ゖ or katakana ァ–ー: characters NFKC leaves as they are (the
 * kana excluded, ゛゜ゟヿ and the half-width forms, all change). What names in customer masters
 * and bank files are mostly made of.
 * @example isNfkcStableKanaOrAscii(0x30a2) // true (ア)
 */
export function isNfkcStableKanaOrAscii(c: number): boolean {
  return (c >= 0x20 && c <= 0x7e) || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fc);
}

/**
 * `text.replace(LONG_VOWEL_OR_DASH, 'ー').normalize('NFKC')` for text of printable ASCII,
 * half-width katakana — what banks write — and full-width katakana or hiragana — what customer
 * masters write — by table instead of normalize(), which costs more than the rest of a name's
 * parsing; undefined for any other text (and for a voiced mark that composes with nothing),
 * which then goes through normalize(). Full-width kana other than ゛゜ゟヿ are NFKC-stable.
 * With `dashIsLongVowel` false, '-' stays '-': plain `text.normalize('NFKC')` (for invoice ids).
 * @example kanaNfkc('ｶ)ﾔﾏﾀﾞ-ﾎｰﾑ') // 'カ)ヤマダーホーム'
 */
export function kanaNfkc(text: string, dashIsLongVowel = true): string | undefined {
  if (text.length > 256) return undefined;
  const out = scratch;
  out.length = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isNfkcStableKanaOrAscii(c)) {
      out.push(c === 0x2d && dashIsLongVowel ? 0x30fc : c); // '-' is a long vowel in names
      continue;
    }
    if (c < 0xff61 || c > 0xff9f) return undefined;
    const m = HALF_WIDTH_NFKC[c - 0xff61] as number;
    if (m === 0x3099 || m === 0x309a) {
      // ﾞ and ﾟ become combining marks, composed with the kana before them.
      const base = out[out.length - 1];
      const composed = base !== undefined && base > 0x30a0 && base < 0x30ff ? (m === 0x3099 ? VOICED : SEMI_VOICED)[base - 0x30a0] : 0;
      if (!composed) return undefined;
      out[out.length - 1] = composed;
    } else if (m === 0) return undefined;
    else out.push(m);
  }
  return String.fromCharCode(...out);
}

/** The steps of normalizeKana after NFKC, one regular expression each. */
function foldKana(nfkc: string): string {
  return hiraganaToKatakana(nfkc)
    .replace(LONG_VOWEL_OR_DASH, 'ー')
    .replace(SMALL_KANA, (c) => SMALL_TO_FULL[c] ?? c)
    .toUpperCase()
    .replace(/[・･\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// Small kana (ァ…ヶ) → full size, indexed by code − 0x30A1; 0 = unchanged.
const SMALL_TO_FULL_CODE = new Uint16Array(0x30fd - 0x30a1);
for (const [small, full] of Object.entries(SMALL_TO_FULL)) SMALL_TO_FULL_CODE[small.charCodeAt(0) - 0x30a1] = full.charCodeAt(0);

/**
 * foldKana in one pass for the text bank names nearly always are after NFKC — printable ASCII,
 * hiragana and katakana — without building a string per step (60,000 distinct payers a run).
 * Undefined for anything else (kanji, other spaces, combining marks): foldKana decides those.
 */
function foldPlainKana(nfkc: string): string | undefined {
  if (nfkc.length > 256) return undefined;
  scratch.length = 0;
  let space = false;
  for (let i = 0; i < nfkc.length; i++) {
    let c = nfkc.charCodeAt(i);
    if (c >= 0x3041 && c <= 0x3096) c += 0x60; // hiragana → katakana
    if (c === 0x2d) c = 0x30fc; // '-' → ー
    if (c >= 0x30a1 && c <= 0x30fc) {
      if (c === 0x30fb)
        c = 0x20; // ・ → space
      else c = SMALL_TO_FULL_CODE[c - 0x30a1] || c;
    } else if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    else if (c < 0x20 || c > 0x7e) return undefined;
    // Runs of spaces → one, none at either end (\s+ → ' ', trim).
    if (c === 0x20) {
      space = scratch.length > 0;
      continue;
    }
    if (space) scratch.push(0x20);
    space = false;
    scratch.push(c);
  }
  return String.fromCharCode(...scratch);
}

/**
 * Comparison key of a name fragment: normalised, sound-alike kana folded, long vowels, spaces
 * and punctuation removed.
 * @example kanaKey('ヤマダ ホーム') // 'ヤマダホム'
 */
export function kanaKey(text: string): string {
  return keyOfNormalized(normalizeKana(text));
}

/**
 * kanaKey for text that is already normalizeKana output (saves the second normalisation).
 * @example keyOfNormalized('ヤマダ ホーム') // 'ヤマダホム'
 */
export function keyOfNormalized(normalized: string): string {
  return plainKey(normalized) ?? slowKey(normalized);
}

function slowKey(normalized: string): string {
  // NFC after deleting long vowels: ｷｰﾞ leaves キ + combining ゛, which must become ギ here.
  return normalized
    .replace(/[ー\s.,/()「」¥'"*＊&+]/g, '')
    .normalize('NFC')
    .replace(SOUND_ALIKE_CHARS, (c) => SOUND_ALIKE[c] ?? c);
}

// Sound-alike kana → the kana keys use, indexed by code − 0x30A1; 0 = unchanged.
const SOUND_ALIKE_CODE = new Uint16Array(0x30fd - 0x30a1);
for (const [from, to] of Object.entries(SOUND_ALIKE)) SOUND_ALIKE_CODE[from.charCodeAt(0) - 0x30a1] = to.charCodeAt(0);

/**
 * slowKey in one pass for printable ASCII and katakana (no combining mark, so NFC changes
 * nothing); undefined for anything else.
 */
function plainKey(normalized: string): string | undefined {
  if (normalized.length > 256) return undefined;
  scratch.length = 0;
  for (let i = 0; i < normalized.length; i++) {
    let c = normalized.charCodeAt(i);
    if (c >= 0x30a1 && c <= 0x30fa) c = SOUND_ALIKE_CODE[c - 0x30a1] || c;
    else if (c === 0x30fc)
      continue; // ー
    else if (c < 0x20 || c > 0x7e) return undefined;
    // ASCII dropped from keys: space . , / ( ) ' " * & +
    else if (c === 0x20 || c === 0x2e || c === 0x2c || c === 0x2f || c === 0x28 || c === 0x29) continue;
    else if (c === 0x27 || c === 0x22 || c === 0x2a || c === 0x26 || c === 0x2b) continue;
    scratch.push(c);
  }
  return String.fromCharCode(...scratch);
}
