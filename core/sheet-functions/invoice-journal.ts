/**
 * The 仕訳 of the invoice lines a pane reads (the Excel pane's 請求書 tab, the Sheets sidebar's):
 * the lines settled as a batch settles them (core/invoice/plan.ts: an invoice with a bad row is
 * rejected whole, every other kept) and each kept invoice booked by `invoiceJournal` with the
 * default accounts, in the order `urakata invoices --journal` books them — as each invoice's
 * last row is read — so the same lines give the CLI's file byte for byte.
 */
import { isError, problem, type Problem } from '../errors.js';
import { parseIssuer } from '../invoice/input.js';
import { planInvoices } from '../invoice/plan.js';
import { type AccountMap, DEFAULT_ACCOUNT_MAP } from '../journal/accounts.js';
import type { JournalEntry } from '../journal/entry.js';
import { invoiceJournal } from '../journal/invoices.js';

export type InvoiceJournalRun =
  /** The issuer or the lines as a whole cannot be read (a missing column, no lines): nothing is booked. */
  | { readonly ok: false; readonly problems: Problem[] }
  | {
      readonly ok: true;
      /** One entry per invoice kept. */
      readonly entries: JournalEntry[];
      /** Invoices (or rows without an invoice number) not booked: their problems are listed. */
      readonly rejected: number;
      /** The issuer's warnings, then every problem of the lines (errors and warnings) in row order. */
      readonly problems: Problem[];
    };

export interface InvoiceJournalSource {
  /** The lines as CSV text, header first (the `urakata invoices` columns). */
  readonly lines: string;
  /** What problems of the lines name as their file, e.g. 請求明細!A1:Q9. */
  readonly file: string;
  /** The issuer as `--issuer` takes it (its rounding and prices settle the tax). */
  readonly issuer: unknown;
  /** What problems of the issuer name as their file. */
  readonly issuerFile: string;
}

/**
 * @example invoiceJournalOfLines({ lines: csv, file: '請求明細!A1:Q9', issuer, issuerFile: '発行者' }) // { ok: true, entries: [4 entries], rejected: 0, problems: [] }
 */
export function invoiceJournalOfLines(source: InvoiceJournalSource, map: AccountMap = DEFAULT_ACCOUNT_MAP): InvoiceJournalRun {
  const issuer = parseIssuer(source.issuer, source.issuerFile);
  if (!issuer.issuer || issuer.problems.some(isError)) return { ok: false, problems: issuer.problems };
  const plan = planInvoices(source.lines, issuer.issuer, source.file, 'book');
  // A range of a header and no line is among the fatal problems (planInvoices' noInvoiceLines).
  if (plan.fatal.length > 0) return { ok: false, problems: [...issuer.problems, ...plan.fatal] };
  const lastRow = (lines: readonly { readonly row: number }[]) => lines.reduce((last, l) => Math.max(last, l.row), 0);
  const booked = [...plan.invoices].sort((a, b) => lastRow(a.lines) - lastRow(b.lines));
  return {
    ok: true,
    entries: invoiceJournal(booked, map),
    rejected: plan.rejected,
    problems: [...issuer.problems, ...plan.problems],
  };
}
