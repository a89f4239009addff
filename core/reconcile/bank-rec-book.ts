/**
 * The cash ledger of a 銀行勘定調整表 (現金出納帳 / 当座預金出納帳, `urakata bank-rec --book`): one
 * row per entry, `amount` signed or `deposit` / `withdrawal`; a 前月繰越 row is the opening balance.
 */
import type { IsoDate } from '../dates/calendar.js';
import { date, text, yen } from '../csv/columns.js';
import { readTable } from '../csv/table.js';
import { problem, type Problem } from '../errors.js';

/** One line of the cash ledger (現金出納帳 / 当座預金出納帳): + money in, − money out. */
export interface BookEntry {
  readonly row: number;
  readonly date: IsoDate;
  readonly amount: number;
  readonly description: string;
  readonly voucher: string;
  readonly chequeNo: string;
  /** 前月繰越: the opening balance row, part of the balance but not a transaction. */
  readonly opening: boolean;
}

const OPENING = /^(前月|前期|前年度|前日)?繰越|^opening balance/i;

export const BOOK_COLUMNS = {
  date: date('date', '日付'),
  amount: yen('amount', '金額').asOptional(),
  deposit: yen('deposit', '入金', '預入').asOptional(),
  withdrawal: yen('withdrawal', '出金', '引出').asOptional(),
  description: text('description', '摘要').withDefault(''),
  voucher: text('voucher', '伝票番号').withDefault(''),
  cheque_no: text('cheque_no', '小切手番号').withDefault(''),
};

/**
 * Reads the cash ledger: `amount` signed, or `deposit`/`withdrawal`.
 * @example readBook('date,amount,description\n2026-06-30,5000,入金', 'book.csv').entries[0]?.amount // 5000
 */
export function readBook(input: Uint8Array | string, file: string): { entries: BookEntry[]; problems: Problem[] } {
  const t = readTable(input, BOOK_COLUMNS, { file });
  const problems = [...t.problems];
  const entries: BookEntry[] = [];
  for (const { row, value: v } of t.rows) {
    const amount = v.amount ?? (v.deposit ?? 0) - (v.withdrawal ?? 0);
    if (v.amount === undefined && v.deposit === undefined && v.withdrawal === undefined) {
      problems.push(
        problem(
          file,
          row,
          'amount',
          '',
          '金額（amount または deposit/withdrawal）がありません',
          'no amount (amount or deposit/withdrawal)',
        ),
      );
      continue;
    }
    entries.push({
      row,
      date: v.date,
      amount,
      description: v.description,
      voucher: v.voucher,
      chequeNo: v.cheque_no.replace(/^0+/, ''),
      opening: OPENING.test(v.description.trim()),
    });
  }
  return { entries, problems };
}
