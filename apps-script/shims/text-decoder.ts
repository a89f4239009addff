/**
 * Apps Script's V8 has no TextDecoder. Sheets hands the add-on text, never bytes, so decoding is
 * only reached when core builds its CP932 encoding table for the 全銀 file — whose records are
 * ASCII and half-width kana by construction. This decoder (injected for the free name
 * `TextDecoder` inside the bundle only; the platform's is used where it exists) does UTF-8 fully
 * and Shift_JIS for single bytes only: a double-byte character decodes as U+FFFD, so the table
 * stays empty and encoding a kanji fails loudly ("cannot be encoded") instead of writing a wrong byte.
 * It streams as the platform's does (`{ stream: true }`), since core decodes large inputs in pieces,
 * and gives ASCII the same under any other label (core decodes ASCII invoice ids as `latin1`).
 */

class AppsScriptDecoder {
  readonly encoding: string;
  readonly fatal: boolean;

  constructor(label = 'utf-8', options: { fatal?: boolean } = {}) {
    const name = label.toLowerCase();
    this.encoding = name === 'shift_jis' || name === 'sjis' || name === 'windows-31j' ? 'shift_jis' : 'utf-8';
    this.fatal = options.fatal === true;
  }

  /** Bytes of a character a streamed piece ended inside of, for the next call. */
  private pending: Uint8Array = new Uint8Array(0);

  /**
   * As the platform's: with `{ stream: true }`, a character cut by the end of `input` is kept for
   * the next call (core decodes a large file in pieces).
   * @example new TextDecoder('shift_jis').decode(Uint8Array.of(0xb1)) // → 'ｱ'
   */
  decode(input: Uint8Array = new Uint8Array(0), options: { stream?: boolean } = {}): string {
    let bytes = input;
    if (this.pending.length > 0) {
      bytes = new Uint8Array(this.pending.length + input.length);
      bytes.set(this.pending);
      bytes.set(input, this.pending.length);
    }
    const stream = options.stream === true;
    const { text, rest } = this.encoding === 'shift_jis' ? this.shiftJis(bytes, stream) : this.utf8(bytes, stream);
    this.pending = bytes.slice(rest);
    return text;
  }

  /** The text, and where the bytes kept for the next call start (bytes.length when none are). */
  private shiftJis(bytes: Uint8Array, stream: boolean): { text: string; rest: number } {
    let out = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] ?? 0;
      if (b < 0x80) out += String.fromCharCode(b);
      else if (b >= 0xa1 && b <= 0xdf) out += String.fromCharCode(0xff61 + b - 0xa1);
      else {
        // A lead byte takes its trail byte with it; what they encode is not known here.
        const lead = (b >= 0x81 && b <= 0x9f) || (b >= 0xe0 && b <= 0xfc);
        if (lead && stream && i === bytes.length - 1) return { text: out, rest: i };
        if (lead) i++;
        out += '\uFFFD';
      }
    }
    return { text: out, rest: bytes.length };
  }

  /** The WHATWG UTF-8 decoder: one U+FFFD per maximal ill-formed subsequence, as browsers and Node. */
  private utf8(bytes: Uint8Array, stream: boolean): { text: string; rest: number } {
    let out = '';
    let start = 0;
    let needed = 0;
    let seen = 0;
    let cp = 0;
    let lower = 0x80;
    let upper = 0xbf;
    const bad = () => {
      if (this.fatal) throw new TypeError('The encoded data was not valid for encoding utf-8');
      out += '\uFFFD';
    };
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] ?? 0;
      if (needed === 0) {
        start = i;
        if (b <= 0x7f) out += String.fromCharCode(b);
        else if (b >= 0xc2 && b <= 0xdf) [needed, cp] = [1, b & 0x1f];
        else if (b >= 0xe0 && b <= 0xef) {
          if (b === 0xe0) lower = 0xa0;
          if (b === 0xed) upper = 0x9f;
          [needed, cp] = [2, b & 0x0f];
        } else if (b >= 0xf0 && b <= 0xf4) {
          if (b === 0xf0) lower = 0x90;
          if (b === 0xf4) upper = 0x8f;
          [needed, cp] = [3, b & 0x07];
        } else bad();
        continue;
      }
      if (b < lower || b > upper) {
        [needed, seen, cp, lower, upper] = [0, 0, 0, 0x80, 0xbf];
        bad();
        i--;
        continue;
      }
      [lower, upper] = [0x80, 0xbf];
      cp = (cp << 6) | (b & 0x3f);
      if (++seen === needed) {
        out += String.fromCodePoint(cp);
        [needed, seen, cp] = [0, 0, 0];
      }
    }
    // A character cut by the end: kept for the next call when streaming, else one U+FFFD.
    if (needed !== 0 && stream) return { text: out, rest: start };
    if (needed !== 0) bad();
    return { text: out, rest: bytes.length };
  }
}

const platform = (globalThis as unknown as { TextDecoder?: typeof AppsScriptDecoder }).TextDecoder;

export { AppsScriptDecoder };
export const TextDecoder: typeof AppsScriptDecoder = platform ?? AppsScriptDecoder;
