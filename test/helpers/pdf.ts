/**
 * Renders PDFs with poppler (pdftoppm, pdftotext) so tests check what a reader sees, not only the
 * text layer: a font subset that drops glyphs still extracts the right text but prints blanks.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INSTALL = 'poppler-utils is required: apt-get install -y poppler-utils';

function poppler(tool: 'pdftoppm' | 'pdftotext', args: string[]): void {
  try {
    execFileSync(tool, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${tool} not found. ${INSTALL}`);
    throw e;
  }
}

function withTempPdf<T>(pdf: Uint8Array, f: (dir: string, file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'urakata-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    return f(dir, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A greyscale raster: 0 = black, 255 = white. */
export interface GrayImage {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8Array;
}

/** Renders one page (1-based) to greyscale at `dpi` with pdftoppm. */
export function renderPage(pdf: Uint8Array, page = 1, dpi = 50): GrayImage {
  return withTempPdf(pdf, (dir, file) => {
    const base = join(dir, 'page');
    poppler('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, base]);
    return parsePgm(readFileSync(`${base}.pgm`));
  });
}

/** Renders one page to PNG bytes (for looking at a layout). */
export function renderPng(pdf: Uint8Array, page = 1, dpi = 80): Uint8Array {
  return withTempPdf(pdf, (dir, file) => {
    const base = join(dir, 'page');
    poppler('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, base]);
    return new Uint8Array(readFileSync(`${base}.png`));
  });
}

/** The text layer (pdftotext -layout), pages separated by form feeds. */
export function extractText(pdf: Uint8Array): string {
  return withTempPdf(pdf, (dir, file) => {
    const out = join(dir, 'doc.txt');
    poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, out]);
    return readFileSync(out, 'utf8');
  });
}

/** A word of the text layer and its box in points from the page's top left (pdftotext -bbox). */
export interface WordBox {
  readonly page: number;
  readonly text: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
}

/** Every word with its page and box, in reading order. */
export function wordBoxes(pdf: Uint8Array): WordBox[] {
  return withTempPdf(pdf, (dir, file) => {
    const out = join(dir, 'doc.html');
    poppler('pdftotext', ['-bbox', '-enc', 'UTF-8', file, out]);
    const words: WordBox[] = [];
    let page = 0;
    const entities = (t: string) =>
      t
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
    for (const line of readFileSync(out, 'utf8').split('\n')) {
      if (line.includes('<page ')) page++;
      const m = /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)<\/word>/.exec(line);
      if (m)
        words.push({ page, text: entities(m[5] ?? ''), xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]) });
    }
    return words;
  });
}

function parsePgm(bytes: Buffer): GrayImage {
  // P5 header: magic, width, height, maxval, each separated by whitespace, then raw bytes.
  const header = bytes.subarray(0, 64).toString('latin1');
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
  if (!m) throw new Error('pdftoppm did not write a PGM image');
  const width = Number(m[1]);
  const height = Number(m[2]);
  return { width, height, pixels: new Uint8Array(bytes.subarray(m[0].length, m[0].length + width * height)) };
}

/**
 * Share of dark pixels (< 128) in a region given as fractions of the page (0..1 from the top-left).
 * A region where text is printed has some; a blank one has none.
 */
export function darkShare(img: GrayImage, region: { x: number; y: number; w: number; h: number }): number {
  const x0 = Math.floor(region.x * img.width);
  const y0 = Math.floor(region.y * img.height);
  const x1 = Math.min(img.width, Math.ceil((region.x + region.w) * img.width));
  const y1 = Math.min(img.height, Math.ceil((region.y + region.h) * img.height));
  let dark = 0;
  let all = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      all++;
      if ((img.pixels[y * img.width + x] ?? 255) < 128) dark++;
    }
  }
  return all === 0 ? 0 : dark / all;
}
