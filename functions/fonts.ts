/**
 * The Japanese font for PDFs, for every Node-side adapter (CLI, Lambda handlers, local stack,
 * tests): Noto Sans JP (SIL Open Font License 1.1) regular and bold. core/pdf takes the bytes as
 * an argument; this is the loader. In Lambda the bundle carries the two TTFs next to the handler
 * (copied by the CDK bundling hook) and `URAKATA_FONT_DIR` points at them; elsewhere they are read
 * from the npm package `@expo-google-fonts/noto-sans-jp`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { PdfFontBytes } from '../core/pdf/document.js';

let cached: PdfFontBytes | undefined;
let inLambda: PdfFontBytes | undefined;

/**
 * Absolute path of one weight's TTF inside the font package.
 * @example fontPath('700Bold') // '…/node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'
 */
export function fontPath(weight: '400Regular' | '700Bold'): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`@expo-google-fonts/noto-sans-jp/${weight}/NotoSansJP_${weight}.ttf`);
}

/**
 * Regular and bold Noto Sans JP from the npm package, cached: the same Uint8Array objects are
 * returned on every call, which also lets core/pdf reuse the parsed font between documents.
 * @example const pdf = new PdfWriter({ fonts: japaneseFonts(), title: '請求書', creationDate });
 */
export function japaneseFonts(): PdfFontBytes {
  cached ??= {
    regular: new Uint8Array(readFileSync(fontPath('400Regular'))),
    bold: new Uint8Array(readFileSync(fontPath('700Bold'))),
  };
  return cached;
}

/** @example const fonts = handlerFonts(); // { regular: Uint8Array, bold: Uint8Array } */
export function handlerFonts(): PdfFontBytes {
  const dir = process.env.URAKATA_FONT_DIR;
  if (!dir) return japaneseFonts();
  inLambda ??= {
    regular: new Uint8Array(readFileSync(join(dir, 'NotoSansJP_400Regular.ttf'))),
    bold: new Uint8Array(readFileSync(join(dir, 'NotoSansJP_700Bold.ttf'))),
  };
  return inLambda;
}
