import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { japaneseFonts } from '../../../functions/fonts.js';
import { encodeSubset, encodeSubsetDeflated, trueTypeFont } from '../../../core/pdf/truetype-subset.js';

/** fontkit (pdfkit's font library) parses the subsets independently of the writer under test. */
interface KitGlyph {
  id: number;
  advanceWidth: number;
  path: { toSVG(): string };
}
interface KitFont {
  numGlyphs: number;
  glyphsForString(s: string): KitGlyph[];
  getGlyph(id: number): KitGlyph;
  _getTable?: unknown;
}
const fontkit = createRequire(import.meta.url)('fontkit') as { create(bytes: Buffer): KitFont };

// IPAexGothic is installed by CI (fonts-ipaexfont-gothic); it has hinting tables (cvt, fpgm, prep)
// and fewer horizontal metrics than glyphs. DejaVu Sans has composite glyphs (é = e + ´).
const IPAEX = '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf';
const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

function subsetOf(bytes: Uint8Array, text: string): { original: KitFont; subset: KitFont; glyphs: number[]; file: Uint8Array } {
  const font = trueTypeFont(bytes);
  if (!font) throw new Error('not a TrueType font');
  const original = fontkit.create(Buffer.from(bytes));
  const glyphs = [0];
  const include = (gid: number): number => {
    const at = glyphs.indexOf(gid);
    if (at >= 0) return at;
    glyphs.push(gid);
    return glyphs.length - 1;
  };
  for (const g of original.glyphsForString(text)) include(g.id);
  const file = encodeSubset(font, glyphs, include);
  return { original, subset: fontkit.create(Buffer.from(file)), glyphs, file };
}

function expectSameGlyphs(original: KitFont, subset: KitFont, glyphs: readonly number[]): void {
  expect(subset.numGlyphs).toBe(glyphs.length);
  glyphs.forEach((gid, i) => {
    const a = original.getGlyph(gid);
    const b = subset.getGlyph(i);
    expect({ path: b.path.toSVG(), advance: b.advanceWidth }).toEqual({ path: a.path.toSVG(), advance: a.advanceWidth });
  });
}

/** Sum of a font file as 32-bit words: 0xB1B0AFBA when head.checkSumAdjustment is right. */
function fileSum(file: Uint8Array): number {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let sum = 0;
  for (let at = 0; at < file.length; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
  return sum;
}

describe('TrueType subset by copying glyph records', () => {
  it('keeps every outline and advance of the glyphs used (Noto Sans JP)', () => {
    const { original, subset, glyphs } = subsetOf(japaneseFonts().regular, '適格請求書 ※軽減税率 ¥12,345-');
    expect(glyphs.length).toBeGreaterThan(15);
    expectSameGlyphs(original, subset, glyphs);
  });

  it('writes table checksums and a head checksum adjustment that make the file sum to 0xB1B0AFBA', () => {
    const { file } = subsetOf(japaneseFonts().regular, '請求書');
    expect(fileSum(file).toString(16)).toBe('b1b0afba');
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const tags: string[] = [];
    for (let i = 0; i < view.getUint16(4); i++) {
      const at = 12 + 16 * i;
      const tag = String.fromCharCode(...file.subarray(at, at + 4));
      tags.push(tag);
      const offset = view.getUint32(at + 8);
      const length = view.getUint32(at + 12);
      let sum = 0;
      for (let p = offset; p < offset + ((length + 3) & ~3); p += 4) sum = (sum + view.getUint32(p)) >>> 0;
      // head's own checksum is taken with checkSumAdjustment = 0 (OpenType spec).
      if (tag === 'head') sum = (sum - view.getUint32(offset + 8)) >>> 0;
      expect(view.getUint32(at + 4), tag).toBe(sum);
    }
    expect(tags).toEqual(['head', 'hhea', 'loca', 'maxp', 'prep', 'glyf', 'hmtx']);
  });

  it('copies hinting tables and takes metrics past numberOfHMetrics from the last advance (IPAexGothic)', () => {
    if (!existsSync(IPAEX)) throw new Error(`${IPAEX} missing: apt-get install -y fonts-ipaexfont-gothic`);
    const bytes = new Uint8Array(readFileSync(IPAEX));
    const font = trueTypeFont(bytes);
    expect(font?.numberOfHMetrics).toBeLessThan((font?.loca.length ?? 0) - 1);
    const last = (font?.loca.length ?? 0) - 2; // a glyph id past numberOfHMetrics
    const { original, subset, glyphs, file } = subsetOf(bytes, '請求書 ABC');
    glyphs.push(last);
    const withLast = encodeSubset(font as NonNullable<typeof font>, glyphs, () => 0);
    expectSameGlyphs(original, fontkit.create(Buffer.from(withLast)), glyphs);
    expect(subset.numGlyphs).toBe(glyphs.length - 1);
    expect(Buffer.from(file).includes(Buffer.from('fpgm'))).toBe(true);
    expect(Buffer.from(file).includes(Buffer.from('cvt '))).toBe(true);
  });

  it('adds the components of a composite glyph and renumbers them (DejaVu Sans é)', () => {
    // Noto Sans JP and IPAexGothic have no composite glyphs; DejaVu Sans does.
    if (!existsSync(DEJAVU)) throw new Error(`${DEJAVU} missing: apt-get install -y fonts-dejavu-core`);
    const bytes = new Uint8Array(readFileSync(DEJAVU));
    const { original, subset, glyphs } = subsetOf(bytes, 'éà');
    // é and à are drawn from e, a and the two accents: 1 + 2 + 4 glyphs.
    expect(glyphs).toHaveLength(7);
    expectSameGlyphs(original, subset, glyphs);
    // Compressed, the renumbered composite records are coded as they are, not taken from the cache.
    const font = trueTypeFont(bytes) as NonNullable<ReturnType<typeof trueTypeFont>>;
    const fresh = (): [number[], (gid: number) => number] => {
      const list = glyphs.slice(0, 3);
      return [list, (gid) => list.push(gid) - 1];
    };
    const file = encodeSubset(font, ...fresh());
    const { stream } = encodeSubsetDeflated(font, ...fresh());
    expect(Buffer.compare(inflateSync(stream), Buffer.from(file))).toBe(0);
  });

  it('compresses to a zlib stream of exactly the subset file, also when glyph records come from the cache', () => {
    const font = trueTypeFont(japaneseFonts().regular);
    if (!font) throw new Error('Noto Sans JP not readable');
    const original = fontkit.create(Buffer.from(japaneseFonts().regular));
    const ids = (text: string) => [0, ...new Set(original.glyphsForString(text).map((g) => g.id))];
    for (const text of ['請求書 御中', '御中 合計 請求書', '請求書 御中']) {
      const glyphs = ids(text);
      const file = encodeSubset(font, glyphs, () => 0);
      const { stream, length } = encodeSubsetDeflated(font, glyphs, () => 0);
      expect(length).toBe(file.length);
      expect(Buffer.compare(inflateSync(stream), Buffer.from(file))).toBe(0);
    }
  });

  it('declines fonts it cannot copy (CFF outlines, garbage)', () => {
    expect(trueTypeFont(new Uint8Array([0x4f, 0x54, 0x54, 0x4f, 0, 0, 0, 0, 0, 0, 0, 0]))).toBeNull();
    expect(trueTypeFont(new Uint8Array(4))).toBeNull();
  });
});
