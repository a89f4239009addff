/**
 * The batch contract of `urakata invoices` applied to a whole uploaded file: rows grouped by
 * invoice number, every invoice built and computed by core/invoice, an invoice with any bad row
 * rejected whole, every other invoice kept. Only orchestration lives here; every rule is core's.
 */
import { readTable, type TableRow } from '../../core/csv/table.js';
import { isError, problem, type Problem } from '../../core/errors.js';
import {
  computeInvoice,
  INVOICE_LINE_COLUMNS,
  INVOICE_NUMBER_COLUMN,
  type Invoice,
  type InvoiceLineRow,
  invoiceFromRows,
  type Issuer,
} from '../../core/invoice/index.js';

export interface InvoicePlan {
  /** Computed invoices, in the order their first row appears. */
  readonly invoices: Invoice[];
  /** The first row of each invoice (for messages about it later). */
  readonly firstRows: number[];
  /** Every problem (errors and warnings), in row order. */
  readonly problems: Problem[];
  /** Invoices (or number-less rows) not issued. */
  readonly rejected: number;
  /** Problems that make the whole file unreadable (a missing column, an empty file). */
  readonly fatal: Problem[];
}

/**
 * @example planInvoices(csvBytes, issuer, 'lines.csv') // { invoices: [{ invoice_no: 'INV-1', … }], rejected: 0, problems: [], fatal: [] }
 */
export function planInvoices(input: Uint8Array | string, issuer: Issuer, file: string): InvoicePlan {
  const full = readTable(input, INVOICE_LINE_COLUMNS, { file });
  const fatal = full.problems.filter((p) => p.row <= 1 && isError(p));
  if (fatal.length > 0) return { invoices: [], firstRows: [], problems: fatal, rejected: 0, fatal };
  const ids = readTable(input, INVOICE_NUMBER_COLUMN, { file });

  const good = new Map(full.rows.map((r) => [r.row, r]));
  const problemsByRow = new Map<number, Problem[]>();
  for (const p of full.problems) problemsByRow.set(p.row, [...(problemsByRow.get(p.row) ?? []), p]);
  const groups = new Map<string, { rows: TableRow<InvoiceLineRow>[]; rowNumbers: number[]; problems: Problem[] }>();
  const grouped = new Set<number>();
  for (const { row, value } of ids.rows) {
    grouped.add(row);
    let g = groups.get(value.invoice_no);
    if (!g) {
      g = { rows: [], rowNumbers: [], problems: [] };
      groups.set(value.invoice_no, g);
    }
    g.rowNumbers.push(row);
    const r = good.get(row);
    if (r) g.rows.push(r);
    g.problems.push(...(problemsByRow.get(row) ?? []));
  }

  const invoices: Invoice[] = [];
  const firstRows: number[] = [];
  const problems: Problem[] = [];
  let rejected = 0;
  // Rows without an invoice number belong to no invoice: listed, nothing else rejected.
  for (const [row, ps] of problemsByRow) {
    if (grouped.has(row)) continue;
    rejected++;
    problems.push(...ps);
  }
  for (const g of groups.values()) {
    let all = g.problems;
    let invoice: Invoice | undefined;
    if (!all.some(isError)) {
      const built = invoiceFromRows(g.rows, file);
      const computed = built.input && !built.problems.some(isError) ? computeInvoice(built.input, issuer, file) : undefined;
      all = [...all, ...built.problems, ...(computed && !computed.ok ? computed.problems : [])];
      if (computed?.ok) invoice = computed.invoice;
    }
    problems.push(...all);
    if (invoice) {
      invoices.push(invoice);
      firstRows.push(g.rowNumbers[0] ?? 0);
      continue;
    }
    rejected++;
    const reported = new Set(all.filter(isError).map((p) => p.row));
    for (const row of g.rowNumbers) {
      if (reported.has(row)) continue;
      problems.push(
        problem(
          file,
          row,
          '',
          '',
          '同じ請求書の他の行にエラーがあるため、この請求書は発行していません',
          'not issued: another row of the same invoice has an error',
        ),
      );
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return { invoices, firstRows, problems, rejected, fatal: [] };
}
