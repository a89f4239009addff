/**
 * The Japanese font for PDFs, read once per process from the npm package
 * `@expo-google-fonts/noto-sans-jp` (Noto Sans JP, SIL Open Font License 1.1).
 * core/pdf takes the bytes as an argument; this is the Node-side loader.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { PdfFontBytes } from '../core/pdf/document.js';

let cached: PdfFontBytes | undefined;

/**
 * Absolute path of one weight's TTF inside the font package.
 * @example fontPath('700Bold') // '…/node_modules/@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf'
 */
export function fontPath(weight: '400Regular' | '700Bold'): string {
  const require = createRequire(import.meta.url);
  return require.resolve(`@expo-google-fonts/noto-sans-jp/${weight}/NotoSansJP_${weight}.ttf`);
}

/**
 * Regular and bold Noto Sans JP, cached: the same Uint8Array objects are returned on every call,
 * which also lets core/pdf reuse the parsed font between documents.
 * @example const pdf = new PdfWriter({ fonts: japaneseFonts(), title: '請求書', creationDate });
 */
export function japaneseFonts(): PdfFontBytes {
  cached ??= {
    regular: new Uint8Array(readFileSync(fontPath('400Regular'))),
    bold: new Uint8Array(readFileSync(fontPath('700Bold'))),
  };
  return cached;
}
