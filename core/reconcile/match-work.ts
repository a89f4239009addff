/**
 * The working state of one 入金消込 run (match.ts), shared by its steps: what each deposit carries
 * through the cascade, how its customer was found, and what the whole run shares.
 */
import type { IsoDate } from '../dates/calendar.js';
import type { PayerName } from '../kana/payer-name.js';
import type { LearnedFact } from './learned.js';
import type { CustomerBlock, OpenItemIndex, Seq } from './open-item-index.js';
import type { BankLine, CustomerMethod, Decision } from './types.js';

/** How a deposit's customer was found: by which key, which customers (one, or namesakes), why. */
export interface Resolution {
  readonly method: CustomerMethod;
  readonly customers: readonly string[];
  readonly reason: string;
  /** An invoice the bank line names itself (EDI or a per-invoice virtual account), or NO_ITEM. */
  readonly invoice: Seq;
  /** The customer's open items when `customers` is exactly one known customer (looked up once per resolution). */
  readonly block: CustomerBlock | undefined;
  /**
   * Of several customers, the one the learned table names for this payer ('' none): it takes a
   * payment whose amount fits more than one of them.
   */
  readonly preferred: string;
}

/** One deposit on its way through the cascade, until a step decides it. */
export interface Work {
  readonly line: BankLine;
  readonly payer: PayerName;
  /** The line's amount and date, kept beside the rest so the passes need not read the line. */
  readonly amount: number;
  readonly date: IsoDate;
  resolution: Resolution | undefined;
  decision: Decision | undefined;
}

/** What one matching run shares: the index, the learned table, and per-run caches. */
export interface Run {
  readonly index: OpenItemIndex;
  readonly learned: LearnedIndex;
  /** The invoices the statement's EDI fields name, by invoice key (filled once all are known). */
  invoices: ReadonlyMap<string, Seq>;
  /** Resolutions by virtual account as written on the line. */
  readonly byAccount: Map<string, Resolution | null>;
  /** Lines that clear nothing, by index: 取消区分 1 records and the transfers they cancel, with the reason. */
  readonly cancelled: ReadonlyMap<number, string>;
  /** 許容差額 of the run (yen); a customer's own tolerance overrides it. */
  readonly tolerance: number;
}

/**
 * A distinct payer string of the statement: parsed once, and resolved by name once (a payer
 * who pays every month resolves the same way each time). Each deposit finds its Payer by
 * position (`payerOf`), not by another look-up.
 */
export interface Payer {
  readonly name: PayerName;
  /** null = no customer by name. */
  readonly byName: Resolution | null;
}

/**
 * Amounts of deposits no pass will see (no customer, or several): the partial pass asks
 * whether one of them pays an invoice in full, and the leftovers look their amounts up.
 */
export interface Tally {
  readonly unsettledAmounts: Map<number, number>;
  readonly unplacedAmounts: Set<number>;
  /** Deposits of a payer naming several customers (group, or a cut name starting several), in statement order. */
  readonly several: Work[];
}

/** The learned table by what each kind of fact is looked up by. */
export interface LearnedIndex {
  readonly payers: Map<string, LearnedFact[]>;
  readonly codes: Map<string, LearnedFact[]>;
  readonly fees: Map<string, number[]>;
}
