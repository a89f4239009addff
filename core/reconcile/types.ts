/** The shapes the reconciliation engine (入金消込) works on. Amounts are whole yen. */
import type { IsoDate } from '../dates/calendar.js';

/** One line of a bank statement, whatever format it came in. */
export interface BankLine {
  /** 1-based position among the statement's data records (deposits and withdrawals). */
  readonly line: number;
  /** The statement's own id (照会番号, CSV id) or ''. */
  readonly id: string;
  /** Where it was read, for messages. */
  readonly file: string;
  readonly row: number;
  /** 勘定日 */
  readonly date: IsoDate;
  readonly valueDate?: IsoDate | undefined;
  readonly direction: 'in' | 'out';
  /** Always positive; `direction` gives the sign. */
  readonly amount: number;
  /** 振込依頼人名 or 摘要 as written. */
  readonly payer: string;
  /** 振込依頼人コード ('' none). */
  readonly payerCode: string;
  /** EDI情報 ('' none). */
  readonly edi: string;
  /** 入金専用口座 / バーチャル口座 number ('' none). */
  readonly virtualAccount: string;
  /** 仕向銀行名・仕向店名 ('' unknown). */
  readonly remitterBank: string;
  readonly remitterBranch: string;
  readonly memo: string;
  /** Balance after the line, when the statement gives one. */
  readonly balance?: number | undefined;
  /** 手形・小切手番号 ('' none). */
  readonly chequeNumber: string;
  /** 取引区分 code from 全銀 (10 現金, 11 振込, 13 交換 …) or ''. */
  readonly transactionType: string;
  /** 振込入金通知 取消区分 1: the transfer was cancelled. */
  readonly cancelled: boolean;
  /** 口座番号 of the account the line belongs to, when the file holds several (全銀); '' otherwise. */
  readonly account: string;
}

/** 手数料負担: 'ours' (当方負担: the payer may deduct the fee) or 'theirs' (先方負担). */
export type FeeBurden = 'ours' | 'theirs';

/** One open receivable (請求残高). */
export interface OpenItem {
  readonly invoiceId: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly customerKana: string;
  readonly issueDate: IsoDate;
  readonly dueDate: IsoDate;
  /** Open amount (請求残高), positive. */
  readonly amount: number;
  /** Extra transfer names the customer pays under (振込名義). */
  readonly payerNames: readonly string[];
  readonly feeBurden: FeeBurden | undefined;
  readonly virtualAccount: string;
  /**
   * 許容差額: yen a payment may differ from an invoice and still clear it (the customer's own
   * setting; undefined = the run's tolerance).
   */
  readonly tolerance?: number | undefined;
  /** Row in the open-items file, for messages. */
  readonly row: number;
}

export type MatchStatus = 'auto' | 'suggested' | 'unmatched';

/**
 * How the customer was found. `truncated_name`: the bank cut a long name at its field length;
 * `short_name`: the payer wrote the name short (a prefix of one customer's name, or of several
 * told apart by the amount); `spelled_legal_form`: the same name once the 法人格 written out in
 * kana (イリョウホウジンシャダン …) is read as a legal form; `legal_form`: namesakes told apart by
 * the legal form; `group`: a payer name registered for several customers (a parent paying for
 * its subsidiaries), the amount deciding among their invoices.
 */
export type CustomerMethod =
  | 'virtual_account'
  | 'edi'
  | 'payer_code'
  | 'learned'
  | 'name'
  | 'payer_names'
  | 'truncated_name'
  | 'short_name'
  | 'spelled_legal_form'
  | 'legal_form'
  | 'group'
  | 'amount';

/** How the amount was explained. `tolerance`: within the 許容差額, the difference booked as `differenceTreatment`. */
export type AmountMethod = 'exact' | 'fee' | 'all_open' | 'combination' | 'tolerance' | 'partial' | 'amount_only' | 'over' | 'none';

/**
 * 差額の処理: how a decision's `difference` is to be booked (the account of the 仕訳).
 * - `支払手数料`: paid short within the tolerance by a customer whose fees we bear (当方負担);
 * - `雑損失`: paid short within the tolerance otherwise;
 * - `雑収入`: paid over within the tolerance;
 * - `前受金`: paid over beyond the tolerance, or with nothing of the customer's open: the excess
 *   stays on the customer as an advance;
 * - `''`: nothing to book (no difference, or a deposit not placed on a customer).
 */
export type DifferenceTreatment = '' | '支払手数料' | '雑損失' | '雑収入' | '前受金';

export interface Allocation {
  readonly invoiceId: string;
  /** Cleared from the invoice's open amount. */
  readonly amount: number;
}

export interface Candidate {
  readonly customerId: string;
  readonly invoiceIds: readonly string[];
  readonly reason: string;
}

/**
 * The engine's verdict on one deposit. Balance: Σ allocations − fee + difference = deposit
 * (the fee is what the payer deducted, so it adds to what the invoices receive).
 */
export interface Decision {
  readonly line: BankLine;
  readonly payerKey: string;
  readonly status: MatchStatus;
  /** e.g. `name+fee`, `virtual_account+exact`; `none` when nothing was found. */
  readonly method: string;
  readonly customerId: string;
  /** For `suggested`: the best candidate, not applied. */
  readonly allocations: readonly Allocation[];
  /** 振込手数料 the payer deducted (先方が差し引いた手数料). */
  readonly fee: number;
  /**
   * Deposit minus what the allocations and fee explain, in yen: over-payment > 0, short < 0; the
   * whole deposit when nothing is applied.
   */
  readonly difference: number;
  /** How `difference` is booked (差額の処理); '' when there is nothing to book. */
  readonly differenceTreatment: DifferenceTreatment;
  /** 0–1. */
  readonly confidence: number;
  /** Short Japanese reason. */
  readonly reason: string;
  /** What else fitted and why it lost. */
  readonly alternatives: readonly Candidate[];
}
