/**
 * 銀行勘定調整表, pairing: which bank line and which ledger entry are one transaction. By cheque
 * number (手形・小切手番号) first — the amounts of such a pair may differ (誤記入) — then by amount
 * and direction within a window of bank business days (Japanese holidays and 12/31–1/3
 * excluded), nearest date first. What stays unpaired is classified in bank-rec.ts.
 */
import { type IsoDate, daysBetween } from '../dates/calendar.js';
import { bankBusinessDaysBetween, HolidayRangeError } from '../dates/holidays.js';
import { problem, type Problem } from '../errors.js';
import { formatYenTriangle } from '../money/yen.js';
import type { BookEntry } from './bank-rec-book.js';
import type { MatchedPair, RecItem } from './bank-rec.js';
import { pushTo } from './open-item-index.js';
import type { BankLine } from './types.js';

/** 全銀 取引区分 13 交換 (手形・小切手の取立・支払). */
const CLEARING = '13';

/** A bank line's effect on the balance: + money in, − money out (as a ledger entry's amount). */
export function signedAmount(l: BankLine): number {
  return l.direction === 'in' ? l.amount : -l.amount;
}

/** Bank business days from a to b, or undefined outside the known public holidays. */
export function businessDays(a: IsoDate, b: IsoDate): number | undefined {
  try {
    return bankBusinessDaysBetween(a, b);
  } catch (e) {
    if (e instanceof HolidayRangeError) return undefined;
    throw e;
  }
}

export interface Pairing {
  readonly pairs: MatchedPair[];
  /** 誤記入: cheques paired by number whose amounts differ, in ledger order. */
  readonly bookErrors: RecItem[];
  readonly usedBank: ReadonlySet<BankLine>;
  readonly usedBook: ReadonlySet<BookEntry>;
  /** Dates outside the known public holidays, met while pairing by date. */
  readonly problems: Problem[];
}

/**
 * Pairs the bank lines and ledger entries up to the as-of date: by cheque number, then by amount
 * and date within `window` bank business days either side.
 * @example pairLines(bank, entries, '2026-06-30', 5).pairs.length // 12
 */
export function pairLines(bank: readonly BankLine[], entries: readonly BookEntry[], asOf: IsoDate, window: number): Pairing {
  const usedBank = new Set<BankLine>();
  const usedBook = new Set<BookEntry>();
  const pairs: MatchedPair[] = [];
  const bookErrors = pairByCheque(bank, entries, asOf, { usedBank, usedBook, pairs });
  const problems = pairByAmountAndDate(bank, entries, window, { usedBank, usedBook, pairs });
  return { pairs, bookErrors, usedBank, usedBook, problems };
}

/** What the pairing steps fill in. */
interface Paired {
  readonly usedBank: Set<BankLine>;
  readonly usedBook: Set<BookEntry>;
  readonly pairs: MatchedPair[];
}

/** Cheque number to cheque number; returns the pairs whose amounts differ, as 誤記入. */
function pairByCheque(bank: readonly BankLine[], entries: readonly BookEntry[], asOf: IsoDate, paired: Paired): RecItem[] {
  const { usedBank, usedBook, pairs } = paired;
  const bookErrors: RecItem[] = [];
  const byCheque = new Map(bank.filter((l) => l.chequeNumber !== '').map((l) => [l.chequeNumber.replace(/^0+/, ''), l] as const));
  for (const e of entries) {
    if (e.chequeNo === '') continue;
    const l = byCheque.get(e.chequeNo);
    if (!l || usedBank.has(l)) continue;
    usedBank.add(l);
    usedBook.add(e);
    pairs.push({ bankLine: l.line, bookRow: e.row, amount: l.amount, bankDate: l.date, bookDate: e.date, by: 'cheque' });
    if (signedAmount(l) !== e.amount) {
      bookErrors.push({
        section: 'book_error',
        date: e.date,
        adjustment: signedAmount(l) - e.amount,
        // The cheque number has its own field (and the statement prints it before this text).
        description: `帳簿 ${formatYenTriangle(e.amount)}円、銀行 ${formatYenTriangle(signedAmount(l))}円`,
        bankLine: l.line,
        bookRow: e.row,
        chequeNo: e.chequeNo,
        ageDays: daysBetween(e.date, asOf),
        note: '帳簿の誤記入を訂正',
      });
    }
  }
  return bookErrors;
}

/**
 * Same signed amount within the window, the nearest bank date winning, ledger entries oldest
 * first; returns the dates it could not count business days for.
 */
function pairByAmountAndDate(bank: readonly BankLine[], entries: readonly BookEntry[], window: number, paired: Paired): Problem[] {
  const { usedBank, usedBook, pairs } = paired;
  const problems: Problem[] = [];
  const byAmount = new Map<number, BankLine[]>();
  for (const l of bank) {
    if (usedBank.has(l)) continue;
    pushTo(byAmount, signedAmount(l), l);
  }
  for (const e of [...entries].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.row - b.row))) {
    if (usedBook.has(e)) continue;
    let best: { line: BankLine; gap: number } | undefined;
    for (const l of byAmount.get(e.amount) ?? []) {
      if (usedBank.has(l)) continue;
      // A cheque is only this bank line when the line could be a cheque: a bank line with
      // another cheque number, or a 全銀 line of another kind (振込, 口座振替 …, not 交換),
      // is another transaction of the same amount.
      if (e.chequeNo !== '' && (l.chequeNumber !== '' || (l.transactionType !== '' && l.transactionType !== CLEARING))) continue;
      const gap = businessDays(e.date, l.date);
      if (gap === undefined) {
        problems.push(
          problem(
            l.file,
            l.row,
            'date',
            l.date,
            `祝日表の対象外の日付です（${e.date}）`,
            `date outside the known public holidays (${e.date})`,
          ),
        );
        continue;
      }
      // The bank may book a few days after the ledger (時間外預入, 小切手の取付), rarely before.
      if (gap < -window || gap > window) continue;
      if (!best || Math.abs(gap) < Math.abs(best.gap)) best = { line: l, gap };
    }
    if (!best) continue;
    usedBank.add(best.line);
    usedBook.add(e);
    pairs.push({
      bankLine: best.line.line,
      bookRow: e.row,
      amount: e.amount,
      bankDate: best.line.date,
      bookDate: e.date,
      by: 'amount_date',
    });
  }
  return problems;
}
