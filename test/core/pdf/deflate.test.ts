import { createRequire } from 'node:module';
import { deflateSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { japaneseFonts } from '../../../functions/fonts.js';
import { HuffmanCode, huffmanDeflate } from '../../../core/pdf/deflate.js';
import { encodeSubset, trueTypeFont } from '../../../core/pdf/truetype-subset.js';

const fontkit = createRequire(import.meta.url)('fontkit') as {
  create(bytes: Buffer): { glyphsForString(s: string): { id: number }[] };
};

/** The font subset of a typical invoice's text. */
function fontSubset(): Uint8Array {
  const bytes = japaneseFonts().regular;
  const font = trueTypeFont(bytes);
  if (!font) throw new Error('Noto Sans JP not readable');
  const text =
    '請求書 適格請求書 請求書番号 INV-2026-000123 請求日 2026年5月31日 株式会社テスト物産 御中 大阪府大阪市北区梅田1-2-3 ' +
    '登録番号 T1234567890123 東京都千代田区丸の内 TEL 03-1234-5678 下記のとおりご請求申し上げます。 ご請求金額（税込） ' +
    'お支払期限 取引期間 取引日 品目 数量 単価（税抜） 税率 金額 コピー用紙（A4）500枚 冊 システム保守（5月分） 式 ' +
    'ミネラルウォーター 2L×6本 ケース トナーカートリッジ（黒） 個 コーヒー豆 500g 袋 ※は軽減税率（8%）対象品目です。 ' +
    '税率区分 対象金額 消費税額等 小計 合計 端数処理 切捨て お振込先 銀行 支店 普通 口座名義 までにお振込みください。 備考';
  const glyphs = [0];
  for (const g of fontkit.create(Buffer.from(bytes)).glyphsForString(text)) if (!glyphs.includes(g.id)) glyphs.push(g.id);
  return encodeSubset(font, glyphs, () => 0);
}

describe('Huffman-only zlib stream', () => {
  it('inflates back to the same bytes (zlib as the reference decoder)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => {
        expect(Buffer.compare(inflateSync(huffmanDeflate(data)), Buffer.from(data))).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('handles empty input, one repeated byte and every byte value', () => {
    const cases = [new Uint8Array(0), new Uint8Array(70_000).fill(7), Uint8Array.from({ length: 256 * 40 }, (_, i) => i % 256)];
    for (const data of cases) expect(Buffer.compare(inflateSync(huffmanDeflate(data)), Buffer.from(data))).toBe(0);
  });

  it('keeps code lengths within 15 bits on skewed data (Fibonacci frequencies would need 25)', () => {
    const parts: number[] = [];
    let [a, b] = [1, 1];
    for (let sym = 0; sym < 25; sym++) {
      for (let k = 0; k < a; k++) parts.push(sym);
      [a, b] = [b, a + b];
    }
    const data = Uint8Array.from(parts);
    expect(Buffer.compare(inflateSync(huffmanDeflate(data)), Buffer.from(data))).toBe(0);
  });

  it("shrinks an invoice's font subset to within 25 % of zlib level 6 (glyph outlines barely repeat)", () => {
    const subset = fontSubset();
    const ours = huffmanDeflate(subset).length;
    const zlib = deflateSync(subset).length;
    expect(ours).toBeLessThan(subset.length * 0.9);
    expect(ours).toBeLessThan(zlib * 1.25);
  });

  it('gives the same bytes for the same input (reproducible PDFs)', () => {
    const subset = fontSubset();
    expect(Buffer.compare(Buffer.from(huffmanDeflate(subset)), Buffer.from(huffmanDeflate(subset.slice())))).toBe(0);
  });

  it('joins pieces coded once with raw pieces into one stream, checksum included (zlib verifies Adler-32)', () => {
    const code = new HuffmanCode(new Uint32Array(256).fill(1));
    fc.assert(
      fc.property(fc.array(fc.record({ bytes: fc.uint8Array({ maxLength: 400 }), coded: fc.boolean() }), { maxLength: 12 }), (parts) => {
        const stream = code.stream(parts.map((p) => (p.coded ? code.code(p.bytes) : p.bytes)));
        const whole = Buffer.concat(parts.map((p) => p.bytes));
        expect(Buffer.compare(inflateSync(stream), whole)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
