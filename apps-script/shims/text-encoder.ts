/**
 * Apps Script's V8 has no TextEncoder, and core encodes a string to UTF-8 bytes in a few places
 * (e.g. sniffing whether a bank statement is a 全銀 fixed-length file). The build injects this
 * class for the free name `TextEncoder` inside the bundle only (esbuild `inject`): nothing is added
 * to the global scope, and the real one is used wherever the platform has it.
 */

class Utf8Encoder {
  readonly encoding = 'utf-8';

  /** @example new TextEncoder().encode('ｱ') // → Uint8Array [0xef, 0xbd, 0xb1] */
  encode(text = ''): Uint8Array {
    const out: number[] = [];
    for (const ch of text) {
      let cp = ch.codePointAt(0) ?? 0;
      // A lone surrogate is not a character: WHATWG encodes it as U+FFFD.
      if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
      if (cp < 0x80) out.push(cp);
      else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
      else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
      else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    }
    return Uint8Array.from(out);
  }
}

const platform = (globalThis as { TextEncoder?: typeof Utf8Encoder }).TextEncoder;

export { Utf8Encoder };
export const TextEncoder: typeof Utf8Encoder = platform ?? Utf8Encoder;
