/**
 * Characters that are not text anyone meant to give, refused wherever text is read from a user's
 * file: the table readers (a CSV file, and an Excel workbook read as its sheet's CSV) and the JSON
 * files of settings (the issuer of `urakata invoices`, the company of payroll and payments, the
 * 支払者 of nencho). Each is named in the problem as U+XXXX, and shown so in its value.
 *
 * - control characters: a NUL in an invoice number crashed a run; U+000B in the issuer's name was
 *   printed on every PDF. A cell may hold tab and line ends (a note of several lines); a JSON
 *   field is one line and holds none, nor U+2028/U+2029 (line and paragraph separators), but for
 *   a field of several lines (the issuer's address and notes), which holds them as a cell does;
 * - the direction overrides U+202A–U+202E and U+2066–U+2069, which make text read otherwise than
 *   it is stored;
 * - U+FFFD, which decoding leaves where bytes were not text in the file's encoding (文字化け):
 *   undecodable bytes were issued as a customer name;
 * - the Unicode noncharacters (U+FDD0–U+FDEF, and U+FFFE and U+FFFF of every plane) and unpaired
 *   surrogates (half of a character whose other half is missing). Neither is text, and a font has
 *   no glyph for them; XML 1.0 cannot hold U+FFFE, U+FFFF or a surrogate (and discourages the
 *   other noncharacters), so an invoice with one got its PDF but no JP PINT XML.
 */

/** What no cell of a table may hold (tab, line feed and carriage return are allowed). */
export const UNSAFE_IN_CELL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd\p{Noncharacter_Code_Point}\p{Cs}]/u;

/** What no field of a JSON settings file may hold: as a cell, and no line break or tab either. */
export const UNSAFE_IN_FIELD = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffd\p{Noncharacter_Code_Point}\p{Cs}]/u;

/**
 * A first look over a whole file for {@link UNSAFE_IN_CELL}, cheap enough for 50 MB of text (a
 * plain character class, several times faster than the exact pattern): it also matches any
 * surrogate, paired or not, so a match only means the cells are looked at one by one.
 */
export const MAYBE_UNSAFE_IN_CELL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd\ufdd0-\ufdef\ufffe\uffff\ud800-\udfff]/;

const NONCHARACTER = /^\p{Noncharacter_Code_Point}$/u;
const LINE_CONTROL = /^[\p{Cc}\u2028\u2029]$/u;

/**
 * A character as U+XXXX (at least four hex digits; a supplementary one as its code point).
 * @example codePointName('\u{1FFFF}') // 'U+1FFFF'
 */
export function codePointName(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why a cell or field holding `ch` is refused, in Japanese and English.
 * @example unsafeCharacterMessage('\uffff', 'cell')[1] // 'holds a Unicode noncharacter (U+FFFF), which is not text'
 */
export function unsafeCharacterMessage(ch: string, where: 'cell' | 'field' | 'lines'): [string, string] {
  const code = codePointName(ch);
  if (ch === '\ufffd') {
    return where === 'cell'
      ? [
          '文字として読めないバイトがあります（ファイルの文字コードを確認してください: UTF-8 または Shift_JIS）',
          'bytes that are not text in this encoding (check the file is UTF-8 or Shift_JIS)',
        ]
      : [
          `文字として読めないバイト（${code}）があります（ファイルを UTF-8 で保存してください）`,
          `bytes that are not text (${code}): save the file as UTF-8`,
        ];
  }
  if (NONCHARACTER.test(ch)) {
    return [
      `Unicode の非文字（${code}）が含まれています（文字ではないため使えません）`,
      `holds a Unicode noncharacter (${code}), which is not text`,
    ];
  }
  const c = ch.codePointAt(0) ?? 0;
  if (c >= 0xd800 && c <= 0xdfff) {
    return [
      `対になっていないサロゲート（${code}）が含まれています（文字の半分だけで、文字として読めません）`,
      `holds an unpaired surrogate (${code}), half of a character, which is not text`,
    ];
  }
  if (where === 'field' && LINE_CONTROL.test(ch)) {
    return [
      `制御文字（${code}）は使えません（改行・タブも使えません。1行で書いてください）`,
      `holds a control character (${code}): control characters, line breaks and tabs included, are not allowed; write it on one line`,
    ];
  }
  return [`使えない制御文字（${code}）が含まれています`, `holds a control character (${code}) that is not allowed`];
}

/**
 * Text as it can be shown in a message: each character `pattern` finds as ⟨U+XXXX⟩, cut to `max`
 * characters (80 by default).
 * @example showUnsafe('山田\u0000') // '山田⟨U+0000⟩'
 */
export function showUnsafe(raw: string, pattern: RegExp = UNSAFE_IN_CELL, max = 80): string {
  const shown = Array.from(raw.replace(new RegExp(pattern.source, 'gu'), (ch) => `⟨${codePointName(ch)}⟩`));
  // Cut by code point: a cut by UTF-16 unit could keep half of 𠮷.
  return shown.length > max ? `${shown.slice(0, max).join('')}…` : shown.join('');
}
