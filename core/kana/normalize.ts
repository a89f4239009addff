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
  return hiraganaToKatakana(text.replace(LONG_VOWEL_OR_DASH, 'ー').normalize('NFKC'))
    .replace(LONG_VOWEL_OR_DASH, 'ー')
    .replace(SMALL_KANA, (c) => SMALL_TO_FULL[c] ?? c)
    .toUpperCase()
    .replace(/[・･\u3000]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
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
  // NFC after deleting long vowels: ｷｰﾞ leaves キ + combining ゛, which must become ギ here.
  return normalized
    .replace(/[ー\s.,/()「」¥'"*＊&+]/g, '')
    .normalize('NFC')
    .replace(SOUND_ALIKE_CHARS, (c) => SOUND_ALIKE[c] ?? c);
}
