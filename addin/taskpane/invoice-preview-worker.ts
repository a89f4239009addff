/**
 * Renders the invoice preview off the pane's main thread: PDF layout and font subsetting take a
 * moment, and the font (Noto Sans JP, served beside the add-in under fonts/) is only fetched when
 * a preview is asked for. In: `{csv, file, issuer}`; out: `{type:'done', name, bytes}`,
 * `{type:'rejected', problems}` or `{type:'failed', message}`.
 */
import { InputError } from '../../core/errors.js';
import type { PdfFontBytes } from '../../core/pdf/document.js';
import { firstInvoicePdf } from './invoice-preview.js';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<{ csv: string; file: string; issuer: unknown }>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
};

let fonts: Promise<PdfFontBytes> | undefined;
const font = async (name: string) => {
  const response = await fetch(new URL(`fonts/${name}`, self.location.href));
  if (!response.ok) throw new Error(`フォントを読めません / cannot load the font fonts/${name} (${response.status})`);
  return new Uint8Array(await response.arrayBuffer());
};

scope.onmessage = async (e) => {
  try {
    fonts ??= Promise.all([font('NotoSansJP_400Regular.ttf'), font('NotoSansJP_700Bold.ttf')]).then(([regular, bold]) => ({
      regular,
      bold,
    }));
    const pdf = await firstInvoicePdf(e.data.csv, e.data.file, e.data.issuer, await fonts);
    scope.postMessage({ type: 'done', name: pdf.name, bytes: pdf.bytes }, [pdf.bytes.buffer as ArrayBuffer]);
  } catch (err) {
    if (err instanceof InputError) scope.postMessage({ type: 'rejected', problems: err.problems });
    else scope.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
};
