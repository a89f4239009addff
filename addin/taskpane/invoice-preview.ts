/**
 * A preview of the first invoice of the selected lines, rendered in the pane by core's own PDF
 * layout (the same bytes the batch would issue for it), before anything is sent to the API.
 * Pure: the caller passes the font bytes.
 */
import { readTable } from '../../core/csv/table.js';
import { InputError, isError } from '../../core/errors.js';
import { computeInvoice, INVOICE_LINE_COLUMNS, invoiceFromRows, invoicePdf, parseIssuer } from '../../core/invoice/index.js';
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
  const table = readTable(csv, INVOICE_LINE_COLUMNS, { file });
  const first = table.rows[0]?.value.invoice_no;
  const rows = table.rows.filter((r) => r.value.invoice_no === first);
  const built = invoiceFromRows(rows, file);
  // A rejected row is not in table.rows, so its invoice is unknown: every problem before the next
  // invoice's first row counts against the first invoice (its lines sit together, as in a batch).
  const end = table.rows.find((r) => r.value.invoice_no !== first)?.row ?? Number.POSITIVE_INFINITY;
  const errors = [...issuer.problems, ...table.problems.filter((p) => p.row < end), ...built.problems].filter(isError);
  if (errors.length > 0 || !issuer.issuer || !built.input) {
    throw new InputError(
      errors.length > 0
        ? errors
        : [{ file, row: 0, column: '', value: '', message_ja: '請求明細がありません', message_en: 'no invoice lines' }],
    );
  }
  const result = computeInvoice(built.input, issuer.issuer, file);
  if (!result.ok) throw new InputError(result.problems);
  return { name: `${built.input.invoice_no}.pdf`, bytes: await invoicePdf(result.invoice, fonts) };
}
