/**
 * Any bank statement Urakata reads, detected by content: 全銀 入出金取引明細 (種別03), 全銀
 * 振込入金通知 (種別01), a bank CSV with a known header, or the generic CSV. A file that is none
 * of these is refused with the list of what was tried.
 */
import { normalizeKey } from '../csv/columns.js';
import { decodePieces, type TextEncodingName } from '../csv/encoding.js';
import { parseCsv } from '../csv/parse.js';
import { readRows } from '../csv/table.js';
import { problem, type Problem } from '../errors.js';
import type { ZenginReadOptions } from '../zengin/statement/fixed-records.js';
import { looksLikeZengin, readTransactionStatement, type TransactionRecord } from '../zengin/statement/transaction-statement.js';
import { readTransferNotice, type TransferNoticeRecord } from '../zengin/statement/transfer-notice.js';
import { BANK_CSV_FORMATS, bankCsvFormatFor } from './bank-csv-formats.js';
import type { BankLine } from './types.js';

export interface BankStatement {
  /** `zengin-03`, `zengin-01`, `csv:mufg`, `csv:rakuten`, `csv:sbi`, `csv:generic`. */
  readonly format: string;
  readonly encoding: TextEncodingName | 'jis-x-0201';
  readonly lines: BankLine[];
  /** 取引前残高 / 取引後残高 (全銀) or derived from the CSV's running balance. */
  readonly openingBalance: number | undefined;
  readonly closingBalance: number | undefined;
  /** The accounts of a 全銀 file (one or more; a CSV is one account and lists none here). */
  readonly accounts: readonly StatementAccountSummary[];
  readonly problems: Problem[];
}

/** One account of a 全銀 file: its number, where it is kept, and its balances when the file gives them. */
export interface StatementAccountSummary {
  readonly number: string;
  readonly bankName: string;
  readonly branchName: string;
  readonly openingBalance: number | undefined;
  readonly closingBalance: number | undefined;
}

const TRIED = ['全銀 入出金取引明細(種別03)', '全銀 振込入金通知(種別01)', ...BANK_CSV_FORMATS.map((f) => f.ja)];

/** What every format gives a BankLine; the rest defaults to '' (false, undefined). */
export type BankLineFields = Pick<BankLine, 'line' | 'file' | 'row' | 'date' | 'direction' | 'amount'> & Partial<BankLine>;

/**
 * Every BankLine is made here, with all its fields in one order, so a statement's lines share
 * one hidden class. Built as a template spread with overrides, each of 200,000 lines got a
 * class of its own, and every later read of a line's field was a slow look-up.
 * @example bankLine({ line: 1, file: 'bank.csv', row: 2, date: '2026-06-01', direction: 'in', amount: 5000 }).payer // ''
 */
export function bankLine(f: BankLineFields): BankLine {
  return {
    line: f.line,
    id: f.id ?? '',
    file: f.file,
    row: f.row,
    date: f.date,
    valueDate: f.valueDate,
    direction: f.direction,
    amount: f.amount,
    payer: f.payer ?? '',
    payerCode: f.payerCode ?? '',
    edi: f.edi ?? '',
    virtualAccount: f.virtualAccount ?? '',
    remitterBank: f.remitterBank ?? '',
    remitterBranch: f.remitterBranch ?? '',
    memo: f.memo ?? '',
    balance: f.balance,
    chequeNumber: f.chequeNumber ?? '',
    transactionType: f.transactionType ?? '',
    cancelled: f.cancelled ?? false,
    account: f.account ?? '',
  };
}

/**
 * Reads a bank statement in any supported format. `today` (Tokyo, from the caller) places a 全銀
 * file's two-digit years; the format is known only from the content, so every caller passes it.
 * @example readBankStatement(bytes, 'bank.csv', { today: '2026-06-01' }).lines[0]?.amount // 54560
 */
export function readBankStatement(input: Uint8Array | string, file: string, options: ZenginReadOptions): BankStatement {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (looksLikeZengin(bytes, '03')) return fromZengin(bytes, file, '03', options);
  if (looksLikeZengin(bytes, '01')) return fromZengin(bytes, file, '01', options);
  return fromCsv(input, file);
}

type ZenginLine = TransactionRecord | TransferNoticeRecord;

/**
 * A 全銀 data record as a BankLine; `line` counts data records across accounts. Made with one
 * object, not a spread of the shared fields: a statement has 200,000 of them.
 */
function zenginLine(l: ZenginLine, line: number, file: string, account: string): BankLine {
  const statement = 'direction' in l;
  return bankLine({
    line,
    id: l.inquiryNumber,
    file,
    account,
    row: l.record,
    date: l.bookDate,
    valueDate: l.valueDate,
    direction: statement ? l.direction : 'in',
    amount: l.amount,
    payer: l.payerName,
    payerCode: l.payerCode,
    edi: l.edi,
    remitterBank: l.remitterBank,
    remitterBranch: l.remitterBranch,
    memo: statement ? l.description : undefined,
    chequeNumber: statement ? l.chequeNumber : undefined,
    transactionType: statement ? l.transactionType : '11',
    cancelled: statement ? undefined : l.cancelled,
  });
}

function fromZengin(bytes: Uint8Array, file: string, kind: '01' | '03', options: ZenginReadOptions): BankStatement {
  const r = kind === '03' ? readTransactionStatement(bytes, file, options) : readTransferNotice(bytes, file, options);
  const lines: BankLine[] = [];
  const several = r.accounts.length > 1;
  for (const account of r.accounts) {
    for (const l of account.lines) lines.push(zenginLine(l, lines.length + 1, file, several ? account.accountNumber : ''));
  }
  const accounts = r.accounts.map((a) => ({
    number: a.accountNumber,
    bankName: a.bankName,
    branchName: a.branchName,
    openingBalance: 'openingBalance' in a ? a.openingBalance : undefined,
    closingBalance: 'closingBalance' in a ? a.closingBalance : undefined,
  }));
  const only = accounts.length === 1 ? accounts[0] : undefined;
  return {
    format: `zengin-${kind}`,
    encoding: 'jis-x-0201',
    lines,
    openingBalance: only?.openingBalance,
    closingBalance: only?.closingBalance,
    accounts,
    problems: r.problems,
  };
}

function fromCsv(input: Uint8Array | string, file: string): BankStatement {
  // The header from the first piece of text; the rows are read a piece at a time (readRows).
  const { pieces, encoding } = decodePieces(input);
  let start = '';
  for (const piece of pieces) {
    start += piece;
    if (start.length >= 4096) break;
  }
  const header = parseCsv(start.slice(0, 4096)).records[0]?.fields ?? [];
  const format = bankCsvFormatFor(header);
  const c = format.columns;
  if (format.id === 'generic') {
    const keys = new Set(header.map(normalizeKey));
    const claimed = (aliases: readonly string[] | undefined) => aliases?.some((a) => keys.has(normalizeKey(a))) ?? false;
    const amounts = claimed(c.amount?.aliases) || claimed(c.deposit?.aliases) || claimed(c.withdrawal?.aliases);
    if (!claimed(c.date.aliases) || !amounts) {
      return {
        format: 'unknown',
        encoding,
        lines: [],
        openingBalance: undefined,
        closingBalance: undefined,
        accounts: [],
        problems: [
          problem(
            file,
            header.length > 0 ? 1 : 0,
            '',
            header.join(','),
            `銀行明細の形式を判別できません。試した形式: ${TRIED.join('、')}`,
            `bank statement format not recognised; tried: 全銀 03, 全銀 01, ${BANK_CSV_FORMATS.map((f) => f.id).join(', ')} (generic needs date and amount or deposit/withdrawal columns)`,
          ),
        ],
      };
    }
  }
  const lines: BankLine[] = [];
  const both: Problem[] = [];
  let position = 0;
  // Each row becomes a line as it is read (readRows): the rows are not all kept beside the lines.
  const table = readRows(input, format.columns, { file, encoding }, (row, value) => {
    position++;
    const v = value as Record<string, unknown>;
    const signed = typeof v.amount === 'number' ? v.amount : undefined;
    const deposit = typeof v.deposit === 'number' ? v.deposit : 0;
    const withdrawal = typeof v.withdrawal === 'number' ? v.withdrawal : 0;
    const net = signed ?? deposit - withdrawal;
    if (signed === undefined && deposit !== 0 && withdrawal !== 0) {
      both.push(problem(file, row, '', '', '入金と出金の両方に金額があります', 'both deposit and withdrawal are filled'));
      return;
    }
    if (net === 0) return;
    const str = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
    lines.push(
      bankLine({
        line: position,
        id: str('id'),
        file,
        row,
        date: str('date'),
        direction: net > 0 ? 'in' : 'out',
        amount: Math.abs(net),
        payer: str('payer'),
        edi: str('edi'),
        virtualAccount: str('virtual_account'),
        remitterBank: str('remitter_bank'),
        remitterBranch: str('remitter_branch'),
        memo: str('memo'),
        balance: typeof v.balance === 'number' ? v.balance : undefined,
        chequeNumber: str('cheque_no'),
      }),
    );
  });
  // The problems of the rows first, then those across columns, as when the rows were read first.
  const problems = [...table.problems, ...both];
  // Exports list oldest first or newest first: the balances are those of the earliest and the latest line.
  const newestFirst = listedNewestFirst(lines);
  const earliest = newestFirst ? lines[lines.length - 1] : lines[0];
  const latest = newestFirst ? lines[0] : lines[lines.length - 1];
  const opening =
    earliest?.balance !== undefined ? earliest.balance - (earliest.direction === 'in' ? earliest.amount : -earliest.amount) : undefined;
  return {
    format: `csv:${format.id}`,
    encoding,
    lines,
    openingBalance: opening,
    closingBalance: latest?.balance,
    accounts: [],
    problems,
  };
}

/**
 * Whether a CSV statement lists its lines newest first: by the dates of its first and last line,
 * and when they are one day, by its running balances (each line's balance is the one before it
 * plus its amount, in the order of time). A statement of one day listed newest first had been
 * read oldest first, its opening and closing balances those of wrong lines.
 */
function listedNewestFirst(lines: readonly BankLine[]): boolean {
  const top = lines[0];
  const bottom = lines[lines.length - 1];
  if (top === undefined || bottom === undefined) return false;
  if (top.date !== bottom.date) return top.date > bottom.date;
  const signed = (l: BankLine) => (l.direction === 'in' ? l.amount : -l.amount);
  let forward = 0;
  let backward = 0;
  for (let i = 1; i < lines.length; i++) {
    const a = lines[i - 1] as BankLine;
    const b = lines[i] as BankLine;
    if (a.balance === undefined || b.balance === undefined) continue;
    if (a.balance + signed(b) === b.balance) forward++;
    if (b.balance + signed(a) === a.balance) backward++;
  }
  return backward > forward;
}

/**
 * 取消区分 1 records (振込入金通知: 組戻し・取消) and the transfers they cancel, by index in
 * `lines`. The original is the latest earlier deposit of the same account not cancelled yet with the same 照会番号 and
 * amount, else with the same amount, payer and 振込依頼人コード; -1 when it is not in this
 * statement (it came in an earlier notice, and its 消込 must be reversed). Neither side of a pair
 * may clear an invoice, and together they move no money.
 * @example cancelledTransfers([deposit 55,000 '000001', its 取消]) // Map { 1 => 0 }
 */
export function cancelledTransfers(lines: readonly BankLine[]): Map<number, number> {
  const out = new Map<number, number>();
  const taken = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const c = lines[i] as BankLine;
    if (!c.cancelled) continue;
    let byId = -1;
    let byPayer = -1;
    for (let k = i - 1; k >= 0 && byId < 0; k--) {
      const o = lines[k] as BankLine;
      // In the cancellation's own account only: an id or a payer alike in another account is another transfer.
      if (o.cancelled || o.direction !== 'in' || taken.has(k) || o.amount !== c.amount || o.account !== c.account) continue;
      if (c.id !== '' && o.id === c.id) byId = k;
      else if (byPayer < 0 && o.payer === c.payer && o.payerCode === c.payerCode) byPayer = k;
    }
    const original = byId >= 0 ? byId : byPayer;
    if (original >= 0) taken.add(original);
    out.set(i, original);
  }
  return out;
}
