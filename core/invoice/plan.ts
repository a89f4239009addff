/**
 * The batch contract applied to rows: rows grouped by invoice number, every invoice built and
 * computed, an invoice with any bad row rejected whole (each of its rows named), every other
 * invoice kept; and the manifest line of an issued invoice. `urakata invoices` (streaming, a chunk
 * at a time) and the Lambda batch (a whole upload) both settle invoices here.
 */
import { columnsAsWritten, readTable, type TableRow } from '../csv/table.js';
import { isError, problem, type Problem } from '../errors.js';
import { INVOICE_LINE_COLUMNS, INVOICE_NUMBER_COLUMN, type InvoiceLineRow, invoiceFromRows } from './input.js';
import { computeInvoice, type Invoice, type Issuer } from './invoice.js';
import { TAX_RATE_KEYS } from './rates.js';

/** The rows of one invoice read so far: good rows, every row number, every problem of those rows. */
export interface InvoiceGroup {
  readonly rows: TableRow<InvoiceLineRow>[];
  readonly rowNumbers: number[];
  readonly problems: Problem[];
}

export interface RowsAdded {
  /** Each numbered row, in file order, with the invoice it joined. */
  readonly rows: { readonly invoice_no: string; readonly row: number }[];
  /** Problems of rows without a readable invoice number, one list per row: they belong to no invoice. */
  readonly ungrouped: Problem[][];
}

/**
 * Adds one reading of some lines to the open invoices. `ids` and `full` are the same text read
 * with {@link INVOICE_NUMBER_COLUMN} and {@link INVOICE_LINE_COLUMNS}: a row whose other cells are
 * bad still joins its invoice (and rejects it), which reading the full row alone cannot tell.
 * @example addInvoiceRows(open, ids, full) // { rows: [{ invoice_no: 'INV-1', row: 2 }], ungrouped: [] }
 */
export function addInvoiceRows(
  open: Map<string, InvoiceGroup>,
  ids: { readonly rows: readonly TableRow<{ readonly invoice_no: string }>[] },
  full: { readonly rows: readonly TableRow<InvoiceLineRow>[]; readonly problems: readonly Problem[] },
): RowsAdded {
  const good = new Map(full.rows.map((r) => [r.row, r]));
  const problemsByRow = new Map<number, Problem[]>();
  for (const p of full.problems) problemsByRow.set(p.row, [...(problemsByRow.get(p.row) ?? []), p]);
  const rows: { invoice_no: string; row: number }[] = [];
  for (const { row, value } of ids.rows) {
    let g = open.get(value.invoice_no);
    if (!g) {
      g = { rows: [], rowNumbers: [], problems: [] };
      open.set(value.invoice_no, g);
    }
    g.rowNumbers.push(row);
    const r = good.get(row);
    if (r) g.rows.push(r);
    g.problems.push(...(problemsByRow.get(row) ?? []));
    problemsByRow.delete(row);
    rows.push({ invoice_no: value.invoice_no, row });
  }
  return { rows, ungrouped: [...problemsByRow.values()] };
}

export type Settled =
  | { readonly ok: true; readonly invoice: Invoice; readonly problems: Problem[] }
  | { readonly ok: false; readonly problems: Problem[] };

/** What the invoices are settled for: issuing them, or booking their 仕訳 (a pane's journal button). */
export type SettledFor = 'issue' | 'book';

const LEFT_OUT: Record<SettledFor, readonly [string, string]> = {
  issue: ['同じ請求書の他の行にエラーがあるため、この請求書は発行していません', 'not issued: another row of the same invoice has an error'],
  book: [
    '同じ請求書の他の行にエラーがあるため、この請求書は仕訳にしていません',
    'not booked: another row of the same invoice has an error',
  ],
};

/**
 * Builds and computes one invoice from its rows. Rejected: every problem, then a "not issued"
 * (or, settled for booking, "not booked") line for each row of the invoice that has no error of
 * its own (so errors.csv names every row).
 * @example settleInvoice(group, issuer, 'lines.csv') // { ok: true, invoice: { invoice_no: 'INV-1', … }, problems: [] }
 */
export function settleInvoice(group: InvoiceGroup, issuer: Issuer, file: string, purpose: SettledFor = 'issue'): Settled {
  let problems = group.problems;
  if (!problems.some(isError)) {
    const built = invoiceFromRows(group.rows, file);
    const computed = built.input && !built.problems.some(isError) ? computeInvoice(built.input, issuer, file) : undefined;
    problems = [...problems, ...built.problems, ...(computed && !computed.ok ? computed.problems : [])];
    if (computed?.ok) return { ok: true, invoice: computed.invoice, problems };
  }
  const reported = new Set(problems.filter(isError).map((p) => p.row));
  const notIssued = group.rowNumbers.filter((row) => !reported.has(row)).map((row) => problem(file, row, '', '', ...LEFT_OUT[purpose]));
  return { ok: false, problems: [...problems, ...notIssued] };
}

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
 * A file of lines with its header and no line: refused by every reader of it (the CLI, the cloud batch).
 * @example noInvoiceLines('lines.csv').message_en // 'no invoice lines (only the header)'
 */
export function noInvoiceLines(file: string): Problem {
  return problem(file, 0, '', '', '請求明細の行がありません（見出しの行だけです）', 'no invoice lines (only the header)');
}

/**
 * A whole file of lines, settled.
 * @example planInvoices(csvBytes, issuer, 'lines.csv') // { invoices: [{ invoice_no: 'INV-1', … }], rejected: 0, problems: [], fatal: [] }
 */
export function planInvoices(input: Uint8Array | string, issuer: Issuer, file: string, purpose: SettledFor = 'issue'): InvoicePlan {
  const full = readTable(input, INVOICE_LINE_COLUMNS, { file });
  const fatal = full.problems.filter((p) => p.row <= 1 && isError(p));
  // A header and no line (a template, the wrong sheet): nothing to issue is not a batch that went well.
  if (fatal.length === 0 && full.recordCount === 0) fatal.push(noInvoiceLines(file));
  if (fatal.length > 0) return { invoices: [], firstRows: [], problems: fatal, rejected: 0, fatal };
  const groups = new Map<string, InvoiceGroup>();
  const added = addInvoiceRows(groups, readTable(input, INVOICE_NUMBER_COLUMN, { file }), full);

  const invoices: Invoice[] = [];
  const firstRows: number[] = [];
  const problems: Problem[] = added.ungrouped.flat();
  let rejected = added.ungrouped.length;
  for (const g of groups.values()) {
    const settled = settleInvoice(g, issuer, file, purpose);
    problems.push(...settled.problems);
    if (settled.ok) {
      invoices.push(settled.invoice);
      firstRows.push(g.rowNumbers[0] ?? 0);
    } else {
      rejected++;
    }
  }
  problems.sort((a, b) => a.row - b.row);
  return { invoices, firstRows, problems: columnsAsWritten(problems, file, full.written), rejected, fatal: [] };
}

/**
 * The first invoice of a file of lines, settled exactly as {@link planInvoices} settles it: what
 * the Excel pane previews before sending the whole file. No invoice: the reason why.
 * @example firstInvoice(csvText, issuer, '請求明細!A1:P40') // { ok: true, invoice: { invoice_no: 'INV-1', … }, problems: [] }
 */
export function firstInvoice(input: Uint8Array | string, issuer: Issuer, file: string): Settled {
  const full = readTable(input, INVOICE_LINE_COLUMNS, { file });
  const fatal = full.problems.filter((p) => p.row <= 1 && isError(p));
  if (fatal.length > 0) return { ok: false, problems: fatal };
  const groups = new Map<string, InvoiceGroup>();
  const added = addInvoiceRows(groups, readTable(input, INVOICE_NUMBER_COLUMN, { file }), full);
  const first = groups.values().next().value;
  const settled: Settled = first
    ? settleInvoice(first, issuer, file)
    : { ok: false, problems: [...added.ungrouped.flat(), problem(file, 0, '', '', '請求明細がありません', 'no invoice lines')] };
  return { ...settled, problems: columnsAsWritten(settled.problems, file, full.written) };
}

/** One line of manifest.json: what was issued, its totals by rate, and the SHA-256 of its PDF. */
export interface ManifestEntry {
  readonly invoice_no: string;
  readonly document: Invoice['kind'];
  readonly customer_id: string;
  readonly customer_name: string;
  readonly issue_date: string;
  readonly due_date: string;
  readonly subtotal_by_rate: Record<string, number>;
  readonly tax_by_rate: Record<string, number>;
  readonly total: number;
  readonly withholding: number;
  readonly amount_due: number;
  readonly file: string;
  readonly sha256: string;
  readonly xml_file?: string;
  /** issued = written now; unchanged = already stored with identical bytes (rerun). */
  readonly status: 'issued' | 'unchanged';
}

/**
 * @example manifestEntry(invoice, 'INV-1.pdf', 'ab12…', undefined, 'issued') // { invoice_no: 'INV-1', tax_by_rate: { '10': 1000, '8': 0, '0': 0 }, … }
 */
export function manifestEntry(
  inv: Invoice,
  file: string,
  sha256: string,
  xmlFile: string | undefined,
  status: ManifestEntry['status'],
): ManifestEntry {
  // Every rate key is present (0 when the invoice has no line at that rate), so consumers need no defaults.
  const byRate = (pick: 'base' | 'tax') =>
    Object.fromEntries(TAX_RATE_KEYS.map((k) => [k, inv.byRate.find((r) => r.rate === k)?.[pick] ?? 0]));
  return {
    invoice_no: inv.invoice_no,
    document: inv.kind,
    customer_id: inv.customer.id,
    customer_name: inv.customer.name,
    issue_date: inv.issue_date,
    due_date: inv.due_date,
    subtotal_by_rate: byRate('base'),
    tax_by_rate: byRate('tax'),
    total: inv.total,
    withholding: inv.withholding,
    amount_due: inv.amount_due,
    file,
    sha256,
    ...(xmlFile ? { xml_file: xmlFile } : {}),
    status,
  };
}
