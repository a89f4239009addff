/**
 * The PDF font for handlers. In Lambda the bundle carries the two TTFs next to the handler
 * (copied by the CDK bundling hook) and `URAKATA_FONT_DIR` points at them; elsewhere the npm
 * package is read through cli/font.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PdfFontBytes } from '../core/pdf/document.js';
import { japaneseFonts } from '../cli/font.js';

let cached: PdfFontBytes | undefined;

/** @example const fonts = handlerFonts(); // { regular: Uint8Array, bold: Uint8Array } */
export function handlerFonts(): PdfFontBytes {
  const dir = process.env.URAKATA_FONT_DIR;
  if (!dir) return japaneseFonts();
  cached ??= {
    regular: new Uint8Array(readFileSync(join(dir, 'NotoSansJP_400Regular.ttf'))),
    bold: new Uint8Array(readFileSync(join(dir, 'NotoSansJP_700Bold.ttf'))),
  };
  return cached;
}
