import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { japaneseFonts } from '../../../functions/fonts.js';
import { drawTable, PdfWriter } from '../../../core/pdf/index.js';
import { darkShare, extractText, renderPage } from '../../helpers/pdf.js';

const creationDate = new Date('2026-05-31T00:00:00+09:00');

async function sample(rows: number): Promise<Uint8Array> {
  const pdf = new PdfWriter({ fonts: japaneseFonts(), title: '試験文書', creationDate });
  pdf.text('試験文書　※軽減税率', pdf.left, pdf.top, { size: 20, bold: true });
  drawTable(
    pdf,
    pdf.top + 60,
    [
      { header: '品目', width: 300 },
      { header: '金額', width: 100, align: 'right' },
    ],
    Array.from({ length: rows }, (_, i) => ({ cells: [`品目その${i + 1}`, '1,000'] })),
  );
  return pdf.finish();
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe('PdfWriter', () => {
  it('embeds the Japanese font as a subset, not the whole 5 MB TTF', async () => {
    const bytes = await sample(3);
    expect(latin1(bytes)).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Bold/);
    expect(latin1(bytes)).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Regular/);
    expect(bytes.length).toBeLessThan(60_000);
  });

  it('writes the font program compressed once, with its uncompressed length (Length1)', async () => {
    const text = latin1(await sample(3));
    const fontFiles = [...text.matchAll(/<<([^>]*)>>\nstream\n/g)].filter((m) => m[1]?.includes('/Length1'));
    expect(fontFiles).toHaveLength(2); // regular and bold
    for (const m of fontFiles) {
      const dict = m[1] ?? '';
      expect(dict).toMatch(/\/Filter \/FlateDecode/);
      const length = Number(/\/Length (\d+)/.exec(dict)?.[1]);
      const start = (m.index ?? 0) + m[0].length;
      // zlib checks the stream's Adler-32: a wrong bit anywhere in the font program fails here.
      const program = inflateSync(Buffer.from(text.slice(start, start + length), 'latin1'));
      expect(program.length).toBe(Number(/\/Length1 (\d+)/.exec(dict)?.[1]));
      expect(program.readUInt32BE(0)).toBe(0x00010000); // a TrueType font file
    }
  });

  it('gives the same bytes for the same content (creation date is an argument)', async () => {
    expect(Buffer.compare(Buffer.from(await sample(5)), Buffer.from(await sample(5)))).toBe(0);
  });

  it('continues a long table on a new page, repeating the header, with page numbers', async () => {
    const text = extractText(await sample(50));
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages).toHaveLength(2);
    expect(pages[1]).toContain('品目');
    expect(pages[1]).toContain('品目その50');
    expect(pages[0]).toMatch(/1\s*\/\s*2/);
    expect(pages[1]).toMatch(/2\s*\/\s*2/);
  });

  it('prints the glyphs (rendered page is dark where the title is, white below the table)', async () => {
    const page = renderPage(await sample(3), 1, 50);
    expect(darkShare(page, { x: 0.06, y: 0.04, w: 0.4, h: 0.04 })).toBeGreaterThan(0.05);
    expect(darkShare(page, { x: 0.06, y: 0.5, w: 0.88, h: 0.3 })).toBe(0);
  });

  it('keeps documents independent although word layouts and glyph outlines are shared between them', async () => {
    const doc = async (title: string) => {
      const pdf = new PdfWriter({ fonts: japaneseFonts(), title, creationDate });
      pdf.text(title, pdf.left, pdf.top, { size: 20, bold: true });
      pdf.text(`${title} 本文`, pdf.left, pdf.top + 40, { size: 10, width: 200, align: 'right' });
      return pdf.finish();
    };
    const first = await doc('株式会社あいう');
    await doc('合同会社かきく');
    expect(Buffer.compare(Buffer.from(await doc('株式会社あいう')), Buffer.from(first))).toBe(0);
    const other = await doc('合同会社かきく');
    const text = extractText(other);
    expect(text).toContain('合同会社かきく');
    expect(text).not.toContain('あいう');
    expect(darkShare(renderPage(other, 1, 50), { x: 0.06, y: 0.04, w: 0.4, h: 0.04 })).toBeGreaterThan(0.05);
  });
});
