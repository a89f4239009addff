/**
 * Renders PDFs off the pane's main thread: the invoice preview, the payslip ZIP and the 源泉徴収票
 * ZIP. PDF layout and
 * font subsetting take a moment, and the font (Noto Sans JP, served beside the add-in under
 * fonts/) is only fetched when a PDF is asked for.
 * In: `{kind:'invoice', csv, file, issuer}`, `{kind:'payslips', request}` or `{kind:'withholding-slips', request, payer?}`;
 * out: `{type:'done', name, bytes, count?, problems?}`, `{type:'rejected', problems}` or `{type:'failed', message}`.
 */
import { InputError } from '../../core/errors.js';
import type { YearEndRequest } from '../../core/sheet-functions/nencho.js';
import { type PayerInput, withholdingSlipsZip } from '../../core/sheet-functions/withholding-slips.js';
import type { PdfFontBytes } from '../../core/pdf/document.js';
import { firstInvoicePdf } from './invoice-preview.js';
import { type PayslipRequest, payslipsZip } from './payslips.js';

export type PdfJob =
  | { kind: 'invoice'; csv: string; file: string; issuer: unknown }
  | { kind: 'payslips'; request: PayslipRequest }
  | { kind: 'withholding-slips'; request: YearEndRequest; payer?: PayerInput };

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<PdfJob>) => void) | null;
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
    const job = e.data;
    const out =
      job.kind === 'invoice'
        ? await firstInvoicePdf(job.csv, job.file, job.issuer, await fonts)
        : job.kind === 'payslips'
          ? await payslipsZip(job.request, await fonts)
          : await withholdingSlipsZip(job.request, await fonts, job.payer);
    scope.postMessage({ type: 'done', ...out }, [out.bytes.buffer as ArrayBuffer]);
  } catch (err) {
    if (err instanceof InputError) scope.postMessage({ type: 'rejected', problems: err.problems });
    else scope.postMessage({ type: 'failed', message: err instanceof Error ? err.message : String(err) });
  }
};
