/**
 * The 請求書 pane's actions: the selected invoice lines (header row first) from the sheet to the
 * batch API, followed until the batch is done, with the rejected rows read back; and the 仕訳 of
 * the same lines, on a sheet and as an import file.
 */
import { InputError, type Problem } from '../../core/errors.js';
import { type JournalFormat, journalFileName, journalTable, writeJournal } from '../../core/journal/formats.js';
import { invoiceJournalOfLines } from '../../core/sheet-functions/invoice-journal.js';
import { INVOICE_JOURNAL_SHEET } from '../../core/sheet-functions/payroll.js';
import {
  errorsInSheetRows,
  inSheetRows,
  isHeaderRow,
  type SheetLines,
  type SheetSelection,
  sheetLines,
} from '../../core/sheet-functions/sheet-lines.js';
import { INVOICE_LINE_COLUMNS } from '../../core/invoice/input.js';
import { columnLetters, rangeStart } from '../../core/xlsx/cells.js';
import { batchStatus, type BatchStatus, type Fetch, type RejectedRow, rejectedRows, sendBatch } from './invoice-api.js';
import type { ExcelRun } from './reconcile-actions.js';
import type { Settings } from './settings.js';
import { shownForCsv } from './sheet-table.js';
import { parseRangeRef, readTables, writeTableSheet } from './workbook.js';

/**
 * The invoice lines of a range, by core's rule for both add-ons (sheetLines): the header is the
 * range's first row when it names the columns, else the sheet's row 1 over the same columns (read
 * then, in a second sync); rows with nothing in them are not sent; each CSV line keeps its sheet
 * row, by which its problems are said.
 * @example (await selectedInvoiceLines(Excel.run, '請求明細!A5:Q9')).lineRows // [[1, 1], [2, 5], …]
 */
export async function selectedInvoiceLines(run: ExcelRun, range: string): Promise<SheetLines> {
  const ref = parseRangeRef(range);
  const [table] = await run((context) => readTables(context, [ref]));
  if (!table) throw new Error('請求明細の範囲を読めませんでした / could not read the invoice lines range');
  const values = shownForCsv(table);
  // The range as Excel addressed it (the used range's when none was given).
  const { row, column } = rangeStart(table.address ?? '');
  // A loop, not Math.max(...rows): a spread of 130,000 rows overflows the call stack.
  let width = 1;
  for (const r of values) width = Math.max(width, r.length);
  let topRow: SheetSelection['topRow'];
  if (row > 1 && !isHeaderRow(values[0], INVOICE_LINE_COLUMNS)) {
    const top = { sheet: ref.sheet, address: `${columnLetters(column - 1)}1:${columnLetters(column + width - 2)}1` };
    const [header] = await run((context) => readTables(context, [top]));
    topRow = header ? shownForCsv(header)[0] : undefined;
  }
  return sheetLines({ sheet: ref.sheet, values, firstRow: row, topRow }, INVOICE_LINE_COLUMNS, { ja: '請求明細', en: 'invoice lines' });
}

/** What problems of the issuer from 設定 name as their file. */
export const SETTINGS_FILE = '設定 / settings';

/**
 * The issuer of 設定 as core takes it (`--issuer`), with the pane's consumption-tax rounding.
 * @example issuerOfSettings(settings) // { name: '株式会社サンプル商事', registration_number: 'T5010001234566', …, rounding: 'floor' }
 */
export function issuerOfSettings(settings: Settings): Record<string, string> {
  return { ...settings.issuer, rounding: settings.rounding };
}

export interface IssueOptions {
  /** Called with each status while the batch runs. */
  readonly onStatus: (status: BatchStatus) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly pollMs?: number;
}

/**
 * Sends the range and waits for the batch.
 * @returns the final status and the rejected rows (row, column, value, message)
 * @example const { status, rejected } = await issueInvoices(Excel.run, fetch, settings, '請求明細!A1:N501', { onStatus })
 */
export async function issueInvoices(
  run: ExcelRun,
  fetcher: Fetch,
  settings: Settings,
  range: string,
  options: IssueOptions,
): Promise<{ batchId: string; status: BatchStatus; rejected: RejectedRow[] }> {
  const lines = await selectedInvoiceLines(run, range);
  const batchId = await sendBatch(fetcher, settings, lines.csv);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (;;) {
    const status = await batchStatus(fetcher, settings, batchId);
    options.onStatus(status);
    if (status.done) {
      // errors.csv names the lines of the CSV sent: each is said as the sheet row it came from.
      const rejected = status.errorsUrl ? errorsInSheetRows(await rejectedRows(fetcher, status.errorsUrl), lines) : [];
      return { batchId, status, rejected };
    }
    await sleep(options.pollMs ?? 1500);
  }
}

export interface InvoiceJournalResult {
  readonly sheet: string;
  /** The file's name and bytes; none when no invoice could be booked. */
  readonly name: string;
  readonly bytes: Uint8Array;
  /** Entries booked: one per invoice kept. */
  readonly entries: number;
  /** Invoices not booked (a bad row rejects its invoice whole, as a batch does). */
  readonly rejected: number;
  /** Every problem of the lines, warnings included, as the tab lists them. */
  readonly problems: readonly Problem[];
}

/**
 * The 仕訳 of the invoices of the range, as `urakata invoices --journal` books them with the
 * default accounts (売掛金 against 売上高 by rate, each invoice's own tax; a credit note
 * reversed): the sheet 仕訳_請求 (one row per line, 借方/貸方) and the file in the chosen import
 * format. An invoice with a bad row is not booked and its problems are returned; with none booked,
 * nothing is written. The issuer of 設定 or a missing column, and a name a Shift_JIS format cannot
 * hold, are thrown as an InputError before anything is written.
 * @example const { sheet, name, bytes, entries } = await buildInvoiceJournal(Excel.run, settings, '請求明細!A1:Q9', 'yayoi')
 */
export async function buildInvoiceJournal(
  run: ExcelRun,
  settings: Settings,
  range: string,
  format: JournalFormat,
): Promise<InvoiceJournalResult> {
  const lines = await selectedInvoiceLines(run, range);
  const booked = invoiceJournalOfLines({
    lines: lines.csv,
    file: lines.sheet,
    issuer: issuerOfSettings(settings),
    issuerFile: SETTINGS_FILE,
  });
  if (!booked.ok) throw new InputError(inSheetRows(booked.problems, lines.sheet, lines));
  const sheet = INVOICE_JOURNAL_SHEET;
  const name = journalFileName(sheet, format);
  const result = { sheet, name, rejected: booked.rejected, problems: inSheetRows(booked.problems, lines.sheet, lines) };
  if (booked.entries.length === 0) return { ...result, bytes: new Uint8Array(), entries: 0 };
  const file = writeJournal(booked.entries, format, name);
  if (!file.data) throw new InputError(file.problems);
  await run((context) => writeTableSheet(context, sheet, journalTable(booked.entries, 'ja')));
  return { ...result, bytes: file.data, entries: booked.entries.length };
}
