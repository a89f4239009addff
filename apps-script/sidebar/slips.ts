/**
 * The sidebar's 源泉徴収票 renderer. Apps Script cannot render PDFs (the renderer and a 5 MB font
 * would ride along with every custom-function call and a 6-minute limit), so the slips are made in
 * the sidebar's browser, as Excel makes them in its PDF worker, by the same core function. This
 * bundle is built on its own (SlipRenderer.html) and fetched only when a user asks for slips.
 *
 * The font is Noto Sans JP, the very files the Excel add-in serves, taken from the npm package
 * Urakata depends on at its pinned version through the jsDelivr CDN (the sidebar has no server of
 * its own to serve 11 MB from). The build pins each file's SHA-256, and a file whose digest differs
 * is refused: a changed or tampered CDN file can never end up in a slip.
 */
import { explainError, problemLine } from '../../core/errors.js';
import type { YearEndRequest } from '../../core/sheet-functions/nencho.js';
import { type PayerInput, withholdingSlipsZip } from '../../core/sheet-functions/withholding-slips.js';
import type { PdfFontBytes } from '../../core/pdf/document.js';

/** Regular and bold: URL and SHA-256 (hex), defined by scripts/build-apps-script.mjs. */
declare const URAKATA_FONTS: readonly { readonly url: string; readonly sha256: string }[];

export interface SlipsInput {
  readonly request: YearEndRequest;
  readonly payer?: PayerInput;
}

export interface SlipsOutput {
  readonly name: string;
  readonly bytes: Uint8Array;
  readonly count: number;
  /** Input errors: the employees they touch have no slip. */
  readonly errors: number;
  /** Every problem, one line each (range, 行目 / row, 列 / column: ja / en). */
  readonly problems: readonly string[];
}

const hex = (digest: ArrayBuffer) => [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');

async function font(file: { readonly url: string; readonly sha256: string }): Promise<Uint8Array> {
  const response = await fetch(file.url);
  if (!response.ok) throw new Error(`フォントを読めません (${response.status}) / cannot load the font ${file.url}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (hex(await crypto.subtle.digest('SHA-256', bytes)) !== file.sha256) {
    throw new Error(`フォントが想定のファイルと違うため使いません / the font is not the expected file: ${file.url}`);
  }
  return bytes;
}

let fonts: Promise<PdfFontBytes> | undefined;

/**
 * The ZIP of slips for a request the server read from the ranges; problems as lines.
 * @example await urakataSlips.render({ request, payer }) // { name: 'withholding-slips-2026.zip', count: 5, … }
 */
async function render(input: SlipsInput): Promise<SlipsOutput> {
  fonts ??= Promise.all(URAKATA_FONTS.map(font)).then(([regular, bold]) => ({
    regular: regular ?? new Uint8Array(),
    ...(bold ? { bold } : {}),
  }));
  // A failed download is tried again on the next press.
  fonts.catch(() => {
    fonts = undefined;
  });
  try {
    const zip = await withholdingSlipsZip(input.request, await fonts, input.payer);
    const lines = zip.problems.map(problemLine);
    return {
      name: zip.name,
      bytes: zip.bytes,
      count: zip.count,
      errors: zip.problems.filter((p) => p.severity !== 'warning').length,
      problems: lines,
    };
  } catch (e) {
    throw explainError(e);
  }
}

(globalThis as unknown as { urakataSlips: { render: typeof render } }).urakataSlips = { render };
