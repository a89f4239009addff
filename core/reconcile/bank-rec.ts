/**
 * 銀行勘定調整表 (bank reconciliation statement), 両者区分調整法: the bank balance and the book
 * balance are each adjusted to the true balance. Bank and cash-ledger lines are paired by cheque
 * number (手形・小切手番号), then by amount and direction within a window of bank business days
 * (Japanese holidays and 12/31–1/3 excluded). What stays unpaired is classified (簿記 standard
 * treatment; keiriportal, 税理士簿記 銀行勘定調整表):
 *   bank side:  時間外預入・未取立 (book deposit the bank has not yet) +, 未取付小切手 (cheque
 *               issued, not yet presented) −, 未処理の出金 (payment booked, not yet debited) −;
 *   book side:  入金未記帳 (連絡未通知: bank credit not booked) +, 出金未記帳 (口座振替, 手数料) −,
 *               誤記入 (same cheque, different amount) ± — each with a proposed 修正仕訳.
 * Items that resolve by themselves need no entry; items the company caused do.
 *
 * The cash ledger is read by bank-rec-book.ts, the lines are paired by bank-rec-pairing.ts; this
 * file reads the balances, classifies what stays unpaired, and lays out the statement.
 */
import { type IsoDate, daysBetween } from '../dates/calendar.js';
import { problem, type Problem } from '../errors.js';
import { normalizeKana } from '../kana/normalize.js';
import type { BookEntry } from './bank-rec-book.js';
import { businessDays, pairLines, signedAmount } from './bank-rec-pairing.js';
import { bankLine, cancelledTransfers, type StatementAccountSummary } from './bank-statement.js';
import type { BankLine } from './types.js';

export { BOOK_COLUMNS, type BookEntry, readBook } from './bank-rec-book.js';

export type RecSection =
  | 'deposit_in_transit'
  | 'outstanding_cheque'
  | 'payment_in_transit'
  | 'unrecorded_deposit'
  | 'unrecorded_withdrawal'
  | 'book_error';

/** Adjustments to the bank balance, in the order the statement lists them. */
export const BANK_SIDE: readonly RecSection[] = ['deposit_in_transit', 'outstanding_cheque', 'payment_in_transit'];
/** Adjustments to the book balance, likewise. */
export const BOOK_SIDE: readonly RecSection[] = ['unrecorded_deposit', 'unrecorded_withdrawal', 'book_error'];
const SECTION_RANK = new Map<RecSection, number>([...BANK_SIDE, ...BOOK_SIDE].map((section, i) => [section, i]));

export const SECTION_JA: Readonly<Record<RecSection, string>> = {
  deposit_in_transit: '時間外預入・未取立（銀行未記帳の入金）',
  outstanding_cheque: '未取付小切手',
  payment_in_transit: '銀行未処理の出金',
  unrecorded_deposit: '入金未記帳（連絡未通知）',
  unrecorded_withdrawal: '出金未記帳（引落・手数料等）',
  book_error: '誤記入',
};

export interface RecItem {
  readonly section: RecSection;
  readonly date: IsoDate;
  /** Signed effect on the balance it adjusts. */
  readonly adjustment: number;
  readonly description: string;
  readonly bankLine: number | undefined;
  readonly bookRow: number | undefined;
  readonly chequeNo: string;
  /** Calendar days from the item's date to the as-of date. */
  readonly ageDays: number;
  readonly note: string;
}

export interface JournalEntry {
  readonly date: IsoDate;
  readonly debit: string;
  readonly credit: string;
  readonly amount: number;
  readonly memo: string;
}

export interface MatchedPair {
  readonly bankLine: number;
  readonly bookRow: number;
  readonly amount: number;
  readonly bankDate: IsoDate;
  readonly bookDate: IsoDate;
  readonly by: 'cheque' | 'amount_date';
}

export interface BankRecOptions {
  /** Pairing window in bank business days either side (default 5). */
  readonly windowDays?: number;
  /** The GL account of this bank account (default 当座預金). */
  readonly accountName?: string;
  /** Outstanding cheques older than this many days are flagged (default 180). */
  readonly staleChequeDays?: number;
  /** Deposits in transit older than this many business days are flagged (default 2). */
  readonly staleDepositBusinessDays?: number;
  /** 口座番号 of the account to reconcile, when the statement holds several (leading zeros optional). */
  readonly bankAccount?: string;
}

export interface BankRecResult {
  readonly asOf: IsoDate;
  readonly bankBalance: number;
  readonly bookBalance: number;
  readonly items: RecItem[];
  readonly adjustedBank: number;
  readonly adjustedBook: number;
  /** adjustedBank − adjustedBook; 0 when everything is explained. */
  readonly difference: number;
  readonly journal: JournalEntry[];
  readonly pairs: MatchedPair[];
  readonly problems: Problem[];
}

/** The GL account a bank-side line most likely belongs to (a proposal, always to review). */
function counterAccount(line: BankLine): string {
  const text = normalizeKana(`${line.payer} ${line.memo}`);
  if (line.direction === 'in') return /リソク|利息|リシ/.test(text) ? '受取利息' : '売掛金';
  if (/テスウリヨウ|手数料/.test(text)) return '支払手数料';
  if (/デンキ|ガス|スイドウ|電気|水道/.test(text)) return '水道光熱費';
  if (/リース/.test(text)) return '支払リース料';
  return '仮払金';
}

/** What a reconciliation reads of a statement (a BankStatement, or lines and balances given directly). */
export interface RecStatement {
  readonly lines: readonly BankLine[];
  readonly openingBalance: number | undefined;
  readonly closingBalance: number | undefined;
  /** A 全銀 file's accounts, when it holds several. */
  readonly accounts?: readonly StatementAccountSummary[];
}

/**
 * The 銀行勘定調整表 as of a date: reading (the account, its lines and the ledger up to the date,
 * both balances), pairing (bank-rec-pairing.ts), classifying what stays unpaired, and the
 * statement those make.
 * @example bankReconciliation(statement, book, '2026-06-30').difference // 0
 */
export function bankReconciliation(
  whole: RecStatement,
  book: readonly BookEntry[],
  asOf: IsoDate,
  options: BankRecOptions = {},
): BankRecResult {
  const window = options.windowDays ?? 5;
  const account = options.accountName ?? '当座預金';
  const staleCheque = options.staleChequeDays ?? 180;
  const staleDeposit = options.staleDepositBusinessDays ?? 2;
  const statement = oneAccount(whole, options.bankAccount);
  if ('problem' in statement) {
    return {
      asOf,
      bankBalance: 0,
      bookBalance: 0,
      items: [],
      adjustedBank: 0,
      adjustedBook: 0,
      difference: 0,
      journal: [],
      pairs: [],
      problems: [statement.problem],
    };
  }
  const bank = withCancellations(statement.lines).filter((l) => l.date <= asOf);
  const upToDate = book.filter((e) => e.date <= asOf);
  const entries = upToDate.filter((e) => !e.opening);
  const bankBalance = bankBalanceOf(statement.openingBalance, bank);
  const bookBalance = upToDate.reduce((s, e) => s + e.amount, 0);

  const paired = pairLines(bank, entries, asOf, window);
  const unrecorded = unrecordedInBook(bank, paired.usedBank, asOf, account);
  const items = [...paired.bookErrors, ...notYetAtBank(entries, paired.usedBook, asOf, staleDeposit, staleCheque), ...unrecorded.items];
  const journal = [...unrecorded.journal, ...paired.bookErrors.map((i) => bookErrorEntry(i, account))];
  const sum = (sections: readonly RecSection[]) => items.filter((i) => sections.includes(i.section)).reduce((s, i) => s + i.adjustment, 0);
  const adjustedBank = bankBalance.balance + sum(BANK_SIDE);
  const adjustedBook = bookBalance + sum(BOOK_SIDE);
  return {
    asOf,
    bankBalance: bankBalance.balance,
    bookBalance,
    // Section by section as the statement reads (stable: ledger and statement order within one).
    items: items.sort((a, b) => (SECTION_RANK.get(a.section) ?? 0) - (SECTION_RANK.get(b.section) ?? 0)),
    adjustedBank,
    adjustedBook,
    difference: adjustedBank - adjustedBook,
    journal,
    pairs: paired.pairs,
    problems: [...bankBalance.problems, ...paired.problems],
  };
}

/**
 * The bank balance at the as-of date: the opening balance plus the lines up to it; else the
 * balance the last of them carries; else their sum, with a warning that it starts from 0.
 */
function bankBalanceOf(openingBalance: number | undefined, bank: readonly BankLine[]): { balance: number; problems: Problem[] } {
  if (openingBalance !== undefined) return { balance: openingBalance + bank.reduce((s, l) => s + signedAmount(l), 0), problems: [] };
  const withBalance = bank.filter((l) => l.balance !== undefined);
  const last = withBalance[withBalance.length - 1];
  if (last?.balance !== undefined) return { balance: last.balance, problems: [] };
  return {
    balance: bank.reduce((s, l) => s + signedAmount(l), 0),
    problems: [
      problem(
        bank[0]?.file ?? '',
        0,
        'balance',
        '',
        '明細に残高がないため、期首残高0円として銀行残高を計算しました',
        'the statement carries no balance; the bank balance assumes an opening balance of 0',
        'warning',
      ),
    ],
  };
}

/**
 * Ledger entries the bank has not seen: each is a bank-side adjustment of its own amount — a
 * deposit in transit, an outstanding cheque (flagged past `staleCheque` days), or a payment the
 * bank has not processed yet.
 */
function notYetAtBank(
  entries: readonly BookEntry[],
  usedBook: ReadonlySet<BookEntry>,
  asOf: IsoDate,
  staleDeposit: number,
  staleCheque: number,
): RecItem[] {
  const items: RecItem[] = [];
  for (const e of entries) {
    if (usedBook.has(e)) continue;
    const days = daysBetween(e.date, asOf);
    let section: RecSection;
    let note: string;
    if (e.amount > 0) {
      const business = businessDays(e.date, asOf) ?? 0;
      section = 'deposit_in_transit';
      note = business > staleDeposit ? `${business}営業日経過: 銀行に確認` : '翌営業日に銀行記帳の見込み';
    } else if (e.chequeNo !== '') {
      section = 'outstanding_cheque';
      note = days > staleCheque ? `振出後${days}日: 長期未取付（再発行・取消を検討）` : '取付待ち';
    } else {
      section = 'payment_in_transit';
      note = '銀行の出金処理待ち（処理されていなければ帳簿を確認）';
    }
    items.push({
      section,
      date: e.date,
      adjustment: e.amount,
      description: [e.description, e.voucher && `伝票${e.voucher}`].filter(Boolean).join(' '),
      bankLine: undefined,
      bookRow: e.row,
      chequeNo: e.chequeNo,
      ageDays: days,
      note,
    });
  }
  return items;
}

/**
 * Bank lines the ledger lacks: each is a book-side adjustment (入金未記帳 / 出金未記帳) with its
 * proposed 修正仕訳 against `account`.
 */
function unrecordedInBook(
  bank: readonly BankLine[],
  usedBank: ReadonlySet<BankLine>,
  asOf: IsoDate,
  account: string,
): { items: RecItem[]; journal: JournalEntry[] } {
  const items: RecItem[] = [];
  const journal: JournalEntry[] = [];
  for (const l of bank) {
    if (usedBank.has(l)) continue;
    const counter = counterAccount(l);
    const desc = [l.payer, l.memo].filter(Boolean).join(' ');
    const section: RecSection = l.direction === 'in' ? 'unrecorded_deposit' : 'unrecorded_withdrawal';
    items.push({
      section,
      date: l.date,
      adjustment: signedAmount(l),
      description: desc,
      bankLine: l.line,
      bookRow: undefined,
      chequeNo: l.chequeNumber,
      ageDays: daysBetween(l.date, asOf),
      note: `修正仕訳: ${l.direction === 'in' ? `${account} / ${counter}` : `${counter} / ${account}`}（要確認）`,
    });
    journal.push({
      date: l.date,
      debit: l.direction === 'in' ? account : counter,
      credit: l.direction === 'in' ? counter : account,
      amount: l.amount,
      memo: `${SECTION_JA[section]}: ${desc}`.trim(),
    });
  }
  return { items, journal };
}

/** The proposed 修正仕訳 of a 誤記入, through 仮払金 / 仮受金 until the counter account is known. */
function bookErrorEntry(i: RecItem, account: string): JournalEntry {
  return {
    date: i.date,
    debit: i.adjustment > 0 ? account : '仮払金',
    credit: i.adjustment > 0 ? '仮受金' : account,
    amount: Math.abs(i.adjustment),
    memo: `誤記入の訂正: ${i.description}（相手科目を確認）`,
  };
}

/**
 * The account to reconcile: the statement itself when it holds one; the account `wanted` names
 * when it holds several (a 全銀 入出金取引明細 may), its lines and its own opening balance —
 * reconciling them together would add one account's withdrawals to another's balance.
 */
function oneAccount(
  whole: RecStatement,
  wanted: string | undefined,
): Pick<RecStatement, 'lines' | 'openingBalance'> | { readonly problem: Problem } {
  const accounts = whole.accounts ?? [];
  if (accounts.length <= 1) return whole;
  const file = whole.lines[0]?.file ?? '';
  const list = accounts.map((a) => `${a.number}（${a.bankName.trim()} ${a.branchName.trim()}）`).join('、');
  const key = (n: string) => n.replace(/^0+/, '');
  const chosen = wanted === undefined ? undefined : accounts.find((a) => key(a.number) === key(wanted.replace(/\D/g, '')));
  if (!chosen) {
    return {
      problem: problem(
        file,
        0,
        'bank_account',
        wanted ?? '',
        `${wanted === undefined ? '' : 'その口座はありません。'}この明細には口座が${accounts.length}つあります: ${list}。照合する口座を1つ指定してください（--bank-account）`,
        `${wanted === undefined ? '' : 'no such account; '}this statement holds ${accounts.length} accounts (${accounts.map((a) => a.number).join(', ')}): choose one to reconcile (--bank-account)`,
      ),
    };
  }
  return { lines: whole.lines.filter((l) => l.account === chosen.number), openingBalance: chosen.openingBalance };
}

/**
 * The statement's lines as money moved: a 取消区分 1 record and the transfer it cancels move
 * nothing and drop out; a cancellation whose transfer came in an earlier notice takes the money
 * back out (a withdrawal of its amount).
 */
function withCancellations(lines: readonly BankLine[]): readonly BankLine[] {
  const pairs = cancelledTransfers(lines);
  if (pairs.size === 0) return lines;
  const dropped = new Set<number>();
  for (const [c, o] of pairs) if (o >= 0) dropped.add(c).add(o);
  return lines.flatMap((l, i) => {
    if (dropped.has(i)) return [];
    if (!pairs.has(i)) return [l];
    return [bankLine({ ...l, direction: 'out', cancelled: false, memo: `取消（組戻し）${l.memo ? ` ${l.memo}` : ''}` })];
  });
}

export const BANK_REC_COLUMNS = [
  'section',
  'section_ja',
  'date',
  'amount',
  'description',
  'bank_line',
  'book_row',
  'cheque_no',
  'age_days',
  'debit',
  'credit',
  'note',
] as const;

export type BankRecRow = Record<(typeof BANK_REC_COLUMNS)[number], string | number>;

/**
 * The statement as rows, top to bottom as an accountant reads it: bank balance and its
 * adjustments, adjusted bank balance; book balance and its adjustments, adjusted book balance;
 * the difference; proposed 修正仕訳; the matched pairs (evidence for 出納確認).
 * @example bankRecRows(result)[0]?.section // 'bank_balance'
 */
export function bankRecRows(r: BankRecResult): BankRecRow[] {
  const blank = { date: '', description: '', bank_line: '', book_row: '', cheque_no: '', age_days: '', debit: '', credit: '', note: '' };
  const total = (section: string, section_ja: string, amount: number, note = ''): BankRecRow => ({
    ...blank,
    section,
    section_ja,
    date: r.asOf,
    amount,
    note,
  });
  const item = (i: RecItem): BankRecRow => ({
    section: i.section,
    section_ja: SECTION_JA[i.section],
    date: i.date,
    amount: i.adjustment,
    description: i.description,
    bank_line: i.bankLine ?? '',
    book_row: i.bookRow ?? '',
    cheque_no: i.chequeNo,
    age_days: i.ageDays,
    debit: '',
    credit: '',
    note: i.note,
  });
  return [
    total('bank_balance', '銀行残高', r.bankBalance),
    ...r.items.filter((i) => BANK_SIDE.includes(i.section)).map(item),
    total('adjusted_bank', '修正後銀行残高', r.adjustedBank),
    total('book_balance', '帳簿残高', r.bookBalance),
    ...r.items.filter((i) => BOOK_SIDE.includes(i.section)).map(item),
    total('adjusted_book', '修正後帳簿残高', r.adjustedBook),
    total('difference', '差異', r.difference, r.difference === 0 ? '一致' : '不一致: 未解明の差異があります'),
    ...r.journal.map((j) => ({
      ...blank,
      section: 'journal',
      section_ja: '修正仕訳（案）',
      date: j.date,
      amount: j.amount,
      description: j.memo,
      debit: j.debit,
      credit: j.credit,
      note: '要確認',
    })),
    ...r.pairs.map((p) => ({
      ...blank,
      section: 'pair',
      section_ja: '照合済み',
      date: p.bankDate,
      amount: p.amount,
      bank_line: p.bankLine,
      book_row: p.bookRow,
      note: p.by === 'cheque' ? '小切手番号で照合' : `金額・日付で照合（帳簿${p.bookDate}）`,
    })),
  ];
}
