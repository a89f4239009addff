/**
 * The 請求書 pane's action: the selected invoice lines (header row first) from the sheet to the
 * batch API, followed until the batch is done, with the rejected rows read back.
 */
import { batchStatus, type BatchStatus, type Fetch, type RejectedRow, rejectedRows, sendBatch } from './invoice-api.js';
import type { ExcelRun } from './reconcile-actions.js';
import type { Settings } from './settings.js';
import { sheetTableToCsv } from './sheet-table.js';
import { parseRangeRef, readTables } from './workbook.js';

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
