/** The open-items file (請求残高一覧): one row per open invoice. */
import { date, nonNegativeYen, oneOf, text } from '../csv/columns.js';
import { columnsAsWritten, readRows } from '../csv/table.js';
import { inputLength, type TextInput } from '../csv/encoding.js';
import { problem, type Problem } from '../errors.js';
import { OPEN_ITEM_STATUS_HEADER, openAfterStatus } from './status.js';
import { OpenItemColumns } from './open-item-rows.js';
import type { OpenItem } from './types.js';

export const OPEN_ITEM_COLUMNS = {
  invoice_id: text('invoice_id', '請求書番号'),
  customer_id: text('customer_id', '得意先コード'),
  customer_name: text('customer_name', '得意先名').withDefault(''),
  customer_kana: text('customer_kana', '得意先カナ').withDefault(''),
  issue_date: date('issue_date', '請求日'),
  due_date: date('due_date', '支払期限'),
  amount: nonNegativeYen('amount', '請求残高'),
  payer_names: text('payer_names', '振込名義').withDefault(''),
  fee_burden: oneOf(
    { 当方: 'ours', 当方負担: 'ours', ours: 'ours', 先方: 'theirs', 先方負担: 'theirs', theirs: 'theirs' } as const,
    'fee_burden',
    '手数料負担',
  ).asOptional(),
  virtual_account: text('virtual_account', '専用口座').withDefault(''),
  /** 許容差額 (yen) of the customer: a payment this much short or over an invoice still clears it. */
  tolerance: nonNegativeYen('tolerance', '許容差額').asOptional(),
  /** 消込状態 as a pane writes it after a match (status.ts): 消込済, or 一部入金（残N円）. */
  status: text('status', OPEN_ITEM_STATUS_HEADER).withDefault(''),
};

const NO_NAMES: readonly string[] = Object.freeze([]);

/**
 * Reads open items; every bad row is a problem, a duplicated invoice id too.
 * @example readOpenItems('invoice_id,customer_id,…\nINV-1,C001,…', 'open.csv').items.length // 1
 */
export function readOpenItems(input: TextInput, file: string): { items: OpenItem[]; problems: Problem[] } {
  const { rows, problems } = readOpenItemRows(input, file);
  return { items: rows.items(), problems };
}

/**
 * readOpenItems into columns (OpenItemColumns), for a run that only matches them: no object per
 * item is made, or kept, unless something asks for one. The same rows, the same problems.
 * @example readOpenItemRows(bytes, 'open.csv').rows.invoiceId(0) // 'INV-1'
 */
export function readOpenItemRows(input: TextInput, file: string): { rows: OpenItemColumns; problems: Problem[] } {
  // A row of an open-items file is rarely under 64 bytes: room for that many rows, grown if not.
  const rows = new OpenItemColumns(Math.min(1 << 22, Math.max(1024, inputLength(input) / 64)));
  const payerNamesOf = payerNameLists();
  const duplicates: Problem[] = [];
  // Ids read on rows already cleared (消込済), which make no item but are ids all the same.
  const cleared: [string, number][] = [];
  const ids = new InvoiceIds(() => {
    const read: [string, number][] = [];
    for (let i = 0; i < rows.length; i++) read.push([rows.invoiceId(i), rows.row(i)]);
    return [...read, ...cleared];
  });
  // Each row goes into the columns as it is read (readRows): the rows are not all kept beside them.
  const table = readRows(input, OPEN_ITEM_COLUMNS, { file }, (row, v) => {
    const first = ids.firstRow(v.invoice_id, row);
    if (first !== undefined) {
      duplicates.push(
        problem(file, row, 'invoice_id', v.invoice_id, `請求書番号が重複しています（${first}行目）`, `duplicate invoice id (row ${first})`),
      );
      return;
    }
    const open = openAfterStatus(v.status, v.amount);
    if (open === 0) {
      cleared.push([v.invoice_id, row]);
      return;
    }
    rows.add({
      invoiceId: v.invoice_id,
      customerId: v.customer_id,
      customerName: v.customer_name,
      customerKana: v.customer_kana,
      issueDate: v.issue_date,
      dueDate: v.due_date,
      amount: open,
      payerNames: v.payer_names === '' ? NO_NAMES : payerNamesOf(v.payer_names),
      feeBurden: v.fee_burden,
      virtualAccount: v.virtual_account,
      tolerance: v.tolerance,
      row,
    });
  });
  // The problems of the rows first, then the duplicates, as when the rows were read before the check.
  const problems = [...table.problems, ...duplicates];
  return { rows, problems: columnsAsWritten(problems, file, table.written) };
}

/**
 * The 振込名義 of a cell (`|` between them), as a frozen list. A customer's rows repeat the cell:
 * a run of equal cells shares one list.
 */
function payerNameLists(): (cell: string) => readonly string[] {
  let last: { cell: string; names: readonly string[] } | undefined;
  return (cell) => {
    if (last?.cell !== cell) {
      const names = cell
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean);
      last = { cell, names: Object.freeze(names) };
    }
    return last.names;
  };
}

/**
 * The invoice ids of a file read so far, for its duplicate check. While they come in increasing
 * order, as most exports list them, none can repeat and none is looked up or kept: a Map of
 * 400,000 ids cost more than reading them. From the first id out of order on, every id read
 * (`readSoFar`, each with its row) and every later one is in a Map.
 */
class InvoiceIds {
  private last = '';
  private seen: Map<string, number> | undefined;

  constructor(private readonly readSoFar: () => Iterable<readonly [string, number]>) {}

  /** The row where `id` was read before, else undefined (and `id` is noted as read at `row`). */
  firstRow(id: string, row: number): number | undefined {
    if (this.seen === undefined) {
      if (id > this.last) {
        this.last = id;
        return undefined;
      }
      this.seen = new Map(this.readSoFar());
    }
    const first = this.seen.get(id);
    if (first === undefined) this.seen.set(id, row);
    return first;
  }
}
