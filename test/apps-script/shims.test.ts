/**
 * The TextEncoder/TextDecoder stand-ins the Apps Script bundle carries (Apps Script has neither):
 * they must agree with the platform's where they claim to work, and fail loudly where they do not.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppsScriptDecoder } from '../../apps-script/shims/text-decoder.js';
import { Utf8Encoder } from '../../apps-script/shims/text-encoder.js';

describe('UTF-8 stand-ins', () => {
  it('encode exactly as the platform TextEncoder, surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(new Utf8Encoder().encode(s)).toEqual(new TextEncoder().encode(s));
      }),
    );
    expect(new Utf8Encoder().encode('\uD800x')).toEqual(new TextEncoder().encode('\uD800x'));
  });

  it('decode any bytes as the platform TextDecoder does, and refuse bad UTF-8 when fatal', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
        expect(new AppsScriptDecoder('utf-8').decode(bytes)).toBe(new TextDecoder('utf-8').decode(bytes));
      }),
    );
    expect(new AppsScriptDecoder('utf-8').decode(new TextEncoder().encode('ｳﾗｶﾀ 入金 🍣'))).toBe('ｳﾗｶﾀ 入金 🍣');
    expect(() => new AppsScriptDecoder('utf-8', { fatal: true }).decode(Uint8Array.of(0x82, 0xa0))).toThrow(TypeError);
  });
});

describe('the decoder stand-in, streamed', () => {
  const cut = (bytes: Uint8Array, cuts: number[]) => {
    const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const pieces: Uint8Array[] = [];
    let from = 0;
    for (const c of at) {
      pieces.push(bytes.subarray(from, c));
      from = c;
    }
    pieces.push(bytes.subarray(from));
    return pieces;
  };
  const streamed = (decoder: { decode(b?: Uint8Array, o?: { stream?: boolean }): string }, pieces: Uint8Array[]) =>
    pieces.map((p) => decoder.decode(p, { stream: true })).join('') + decoder.decode();

  it('decodes UTF-8 cut anywhere as the platform decodes it streamed, and as whole', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.array(fc.nat(), { maxLength: 5 }), (bytes, cuts) => {
        const pieces = cut(bytes, cuts);
        expect(streamed(new AppsScriptDecoder('utf-8'), pieces)).toBe(streamed(new TextDecoder('utf-8'), pieces));
      }),
    );
    const text = new TextEncoder().encode('ｳﾗｶﾀ 入金 🍣');
    for (let c = 0; c <= text.length; c++) expect(streamed(new AppsScriptDecoder('utf-8'), cut(text, [c]))).toBe('ｳﾗｶﾀ 入金 🍣');
  });

  it('keeps a Shift_JIS lead byte cut from its trail byte for the next piece', () => {
    const bytes = Uint8Array.from([0xb1, 0x82, 0xa0, 0x41, 0x82]);
    const whole = new AppsScriptDecoder('shift_jis').decode(bytes);
    for (let c = 0; c <= bytes.length; c++) expect(streamed(new AppsScriptDecoder('shift_jis'), cut(bytes, [c]))).toBe(whole);
    expect(whole).toBe('ｱ\uFFFDA\uFFFD');
  });
});

describe('Shift_JIS stand-in', () => {
  it('decodes printable ASCII and half-width kana as the platform does', () => {
    // Printable only: Node's ICU decoder swaps the control codes 0x1A, 0x1C and 0x7F, which WHATWG does not.
    const bytes = Uint8Array.from([
      ...Array.from({ length: 0x5f }, (_, i) => 0x20 + i),
      ...Array.from({ length: 0x3f }, (_, i) => 0xa1 + i),
    ]);
    expect(new AppsScriptDecoder('shift_jis').decode(bytes)).toBe(new TextDecoder('shift_jis').decode(bytes));
  });

  it('gives U+FFFD for a double-byte character, never a wrong one', () => {
    // 0x82A0 is あ: unknown here, and the lead byte takes its trail byte along.
    expect(new AppsScriptDecoder('shift_jis').decode(Uint8Array.of(0x82, 0xa0, 0x41))).toBe('\uFFFDA');
  });
});
