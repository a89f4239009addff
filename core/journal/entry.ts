/**
 * 仕訳 (journal entries): a date, lines of debit (借方) or credit (貸方), and a 摘要. An entry is
 * made only by {@link EntryBuilder}, whose `build` refuses one whose debit total is not its credit
 * total: every entry that exists balances, whatever job made it.
 */
import type { IsoDate } from '../dates/calendar.js';
import { assertYen, type Yen } from '../money/yen.js';

export type Side = 'debit' | 'credit';

/** Where an amount goes: 勘定科目, 補助科目, 部門 and 税区分 ('' where none). */
export interface Posting {
  /** 勘定科目 */
  readonly account: string;
  /** 補助科目 */
  readonly subAccount: string;
  /** 部門 */
  readonly department: string;
  /**
   * 税区分: a default of the account map (Urakata's own name, which the 弥生 and マネーフォワード
   * files write in the package's name: tax-names.ts) or the user's own (`ownTaxCategory`).
   */
  readonly taxCategory: string;
  /** The user set this 税区分 in the account map: every format writes it as given. */
  readonly ownTaxCategory?: boolean;
}

export interface JournalLine extends Posting {
  readonly side: Side;
  /** Positive whole yen; 税込 (tax included) on a taxed line. */
  readonly amount: Yen;
  /** 消費税額 included in `amount` (the invoice's own figure); 0 on an untaxed line. */
  readonly tax: Yen;
  /** 摘要 of this line ('' = the entry's). */
  readonly memo: string;
}

export interface JournalEntry {
  /** 取引日 */
  readonly date: IsoDate;
  /** 摘要 */
  readonly memo: string;
  readonly lines: readonly JournalLine[];
}

/** Σ of one side of an entry. */
export function sideTotal(entry: JournalEntry, side: Side): Yen {
  let total = 0;
  for (const l of entry.lines) if (l.side === side) total += l.amount;
  return total;
}

const opposite = (side: Side): Side => (side === 'debit' ? 'credit' : 'debit');

/**
 * Collects the lines of one entry. A negative amount goes to the other side (a 年末調整 refund
 * taken back from 預り金, a credit note's sale), a zero amount is left out (with tax it is refused),
 * and `build` refuses an entry that does not balance or has no line.
 * @example
 * new EntryBuilder('2026-05-25', '5月分給与')
 *   .debit(salaries, 300_000).credit(withheld, 20_000).credit(bank, 280_000).build()
 */
export class EntryBuilder {
  private readonly lines: JournalLine[] = [];

  constructor(
    private readonly date: IsoDate,
    private readonly memo: string,
  ) {}

  add(side: Side, posting: Posting, amount: Yen, tax: Yen = 0, memo = ''): this {
    assertYen(amount, 'journal amount');
    assertYen(tax, 'journal tax');
    if (amount === 0) {
      // A line of no amount is left out; its tax would be lost with it, so that is a programming error.
      if (tax !== 0) throw new RangeError(`journal entry ${this.date} ${this.memo}: tax ${tax} without an amount`);
      return this;
    }
    const flip = amount < 0;
    this.lines.push({
      side: flip ? opposite(side) : side,
      account: posting.account,
      subAccount: posting.subAccount,
      department: posting.department,
      taxCategory: posting.taxCategory,
      ...(posting.ownTaxCategory ? { ownTaxCategory: true } : {}),
      amount: Math.abs(amount),
      tax: flip ? 0 - tax : tax, // 0 - 0 is +0, never -0
      memo,
    });
    return this;
  }

  debit(posting: Posting, amount: Yen, tax: Yen = 0, memo = ''): this {
    return this.add('debit', posting, amount, tax, memo);
  }

  credit(posting: Posting, amount: Yen, tax: Yen = 0, memo = ''): this {
    return this.add('credit', posting, amount, tax, memo);
  }

  /** Whether any line has been added (an all-zero run makes no entry). */
  get isEmpty(): boolean {
    return this.lines.length === 0;
  }

  /**
   * The entry; a RangeError when it does not balance (a programming error: every job states
   * both sides from the same totals) or has no line.
   */
  build(): JournalEntry {
    const entry: JournalEntry = { date: this.date, memo: this.memo, lines: this.lines.slice() };
    const debit = sideTotal(entry, 'debit');
    const credit = sideTotal(entry, 'credit');
    assertYen(debit, 'journal debit total');
    if (entry.lines.length === 0) throw new RangeError(`journal entry ${this.date} ${this.memo}: no lines`);
    if (debit !== credit) {
      throw new RangeError(`journal entry ${this.date} ${this.memo}: debit ${debit} ≠ credit ${credit} (貸借が一致しません)`);
    }
    return Object.freeze({ ...entry, lines: Object.freeze(entry.lines) });
  }
}
