/**
 * A preview of the first invoice of the selected lines, rendered in the pane by core's own PDF
 * layout (the same bytes the batch would issue for it), before anything is sent to the API.
 * Pure: the caller passes the font bytes.
 */
import { InputError, isError } from '../../core/errors.js';
import { firstInvoice, invoiceFileName, invoicePdf, parseIssuer } from '../../core/invoice/index.js';
import type { PdfFontBytes } from '../../core/pdf/document.js';

/**
 * The first invoice's PDF, or an InputError naming every bad cell of its rows or of the issuer.
 * @example const { name, bytes } = await firstInvoicePdf(csv, '請求明細!A1:P40', issuer, fonts) // name 'INV-2026-05-001.pdf'
 */
export async function firstInvoicePdf(
  csv: string,
  file: string,
  issuerJson: unknown,
  fonts: PdfFontBytes,
): Promise<{ name: string; bytes: Uint8Array }> {
  const issuer = parseIssuer(issuerJson, '設定 / settings');
  if (!issuer.issuer || issuer.problems.some(isError)) throw new InputError(issuer.problems.filter(isError));
  const settled = firstInvoice(csv, issuer.issuer, file);
  if (!settled.ok) throw new InputError(settled.problems.filter(isError));
  return { name: invoiceFileName(settled.invoice.invoice_no, 'pdf'), bytes: await invoicePdf(settled.invoice, fonts) };
}
