/**
 * The 仕訳 of the 請求書 pane: the invoices of the selected lines (read as 「APIに送信」 reads
 * them, with the issuer range) booked as `urakata invoices --journal` books them with the default
 * accounts, on the sheet 仕訳_請求. The entries go back to the sidebar, which writes the import file
 * with core's writer in the browser: the 弥生 and マネーフォワード files are Shift_JIS, whose kanji
 * need the platform's TextDecoder, which Apps Script lacks.
 */
import { type Problem, problemLine } from '../core/errors.js';
import { inSheetRows } from '../core/sheet-functions/sheet-lines.js';
import { invoiceJournalOfLines } from '../core/sheet-functions/invoice-journal.js';
import { INVOICE_JOURNAL_SHEET } from '../core/sheet-functions/payroll.js';
import { invoiceLines } from './invoice-batch.js';
import { journalSheet, type JournalSheetView, objectFromPairs, readRange } from './sheet-io.js';

/** The entries booked (one per invoice kept) on 仕訳_請求, and what was left out. */
export interface InvoiceJournalView extends JournalSheetView {
  /** Invoices not booked: a bad row rejects its invoice whole, as a batch does. */
  readonly rejected: number;
  /** Every problem of the lines, warnings included, one line each (範囲 N行目 / row N 列 / column: ja / en). */
  readonly problems: readonly string[];
}

/**
 * Books the invoices of the lines; the issuer's problems or a missing column are thrown, a line
 * each, and nothing is written.
 * @example uraInvoiceJournal("'請求明細'!A2:Q9", "'発行者'!A1:B12") // → { sheet: '仕訳_請求', entries: [4 entries], rejected: 0, problems: [] }
 */
export function uraInvoiceJournal(linesA1: unknown, issuerA1: unknown): InvoiceJournalView {
  if (!linesA1 || !issuerA1) throw new Error('範囲を選んでください: 請求明細、発行者 / pick the invoice lines and issuer ranges first');
  const lines = invoiceLines(String(linesA1));
  const booked = invoiceJournalOfLines({
    lines: lines.csv,
    file: lines.sheet,
    issuer: objectFromPairs(readRange(String(issuerA1), '発行者'), '発行者', 'issuer'),
    issuerFile: '発行者',
  });
  // Each problem of the lines by its sheet row (the CSV's lines skip blank rows and may start below the header).
  const said = (problems: readonly Problem[]) => inSheetRows(problems, lines.sheet, lines).map(problemLine);
  if (!booked.ok) throw new Error(said(booked.problems).join('\n'));
  return { ...journalSheet(INVOICE_JOURNAL_SHEET, booked.entries), rejected: booked.rejected, problems: said(booked.problems) };
}
