/**
 * The 請求書 pane's actions: the selected invoice lines (header row first) from the sheet to the
 * batch API, followed until the batch is done, with the rejected rows read back; and the 仕訳 of
 * the same lines, on a sheet and as an import file.
 */
import { InputError, type Problem } from '../../core/errors.js';
import { type JournalFormat, journalFileName, journalTable, writeJournal } from '../../core/journal/formats.js';
import { invoiceJournalOfLines } from '../../core/sheet-functions/invoice-journal.js';
import { INVOICE_JOURNAL_SHEET } from '../../core/sheet-functions/payroll.js';
import { batchStatus, type BatchStatus, type Fetch, type RejectedRow, rejectedRows, sendBatch } from './invoice-api.js';
import type { ExcelRun } from './reconcile-actions.js';
import type { Settings } from './settings.js';
import { sheetTableToCsv } from './sheet-table.js';
import { parseRangeRef, readTables, writeTableSheet } from './workbook.js';

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
  const [table] = await run((context) => readTables(context, [parseRangeRef(range)]));
  if (!table || table.values.length < 2) {
    throw new Error('請求明細の範囲に見出し行とデータ行が必要です / the range needs a header row and at least one line');
  }
  const batchId = await sendBatch(fetcher, settings, sheetTableToCsv(table));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (;;) {
    const status = await batchStatus(fetcher, settings, batchId);
    options.onStatus(status);
    if (status.done) {
      const rejected = status.errorsUrl ? await rejectedRows(fetcher, status.errorsUrl) : [];
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
  const [table] = await run((context) => readTables(context, [parseRangeRef(range)]));
  if (!table) throw new Error('請求明細の範囲を読めませんでした / could not read the invoice lines range');
  const booked = invoiceJournalOfLines({
    lines: sheetTableToCsv(table),
    file: table.name,
    issuer: issuerOfSettings(settings),
    issuerFile: SETTINGS_FILE,
  });
  if (!booked.ok) throw new InputError(booked.problems);
  const sheet = INVOICE_JOURNAL_SHEET;
  const name = journalFileName(sheet, format);
  const result = { sheet, name, rejected: booked.rejected, problems: booked.problems };
  if (booked.entries.length === 0) return { ...result, bytes: new Uint8Array(), entries: 0 };
  const file = writeJournal(booked.entries, format, name);
  if (!file.data) throw new InputError(file.problems);
  await run((context) => writeTableSheet(context, sheet, journalTable(booked.entries, 'ja')));
  return { ...result, bytes: file.data, entries: booked.entries.length };
}
