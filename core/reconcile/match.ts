/**
 * 入金消込: deposits against open receivables, as a cascade of passes, run customer by customer
 * once each deposit's customer is known. Each pass sees only the deposits earlier passes left,
 * and accepts only a unique winner:
 *
 *   customer:  virtual account → EDI invoice number → 振込依頼人コード (learned) → learned
 *              payer name → customer kana / 振込名義 (exact; a 法人格 spelled out reads as its
 *              abbreviation; namesakes told apart by the legal form) → name cut by the bank
 *              (prefix) → name cut short by the payer (prefix of one customer's name, or a few)
 *   amount:    invoice named by VA/EDI → exact amount → amount + fee → all open items →
 *              combination of ≤ 5 invoices (stops at the 2nd solution) → one invoice within the
 *              許容差額 → partial, oldest first
 *   several:   a payer name registered for several customers (group) or a cut name starting
 *              several: an exact amount fitting one of them, or (group) a combination across them
 *   leftovers: an amount unique across all customers while the payer resembles none is only
 *              a suggestion; what is not unique becomes a suggestion list, never an auto match.
 *
 * Same amount twice for one customer: the oldest due date takes it (invox, 請求管理ロボ).
 *
 * This file runs the steps (one walk over the statement, the passes customer by customer, the
 * leftovers); each step lives beside it: match-customers.ts (customer), match-passes.ts (amount)
 * with match-fees.ts, match-group.ts (several customers), match-leftovers.ts (leftovers), match-decisions.ts (the Decision each
 * writes), match-work.ts (the state they share).
 */
import { parsePayerName, type PayerName } from '../kana/payer-name.js';
import type { IsoDate } from '../dates/calendar.js';
import type { Learned } from './learned.js';
import { compareText, invoiceKey } from './invoice-key.js';
import { OpenItemIndex, pushTo } from './open-item-index.js';
import type { OpenItemRows } from './open-item-rows.js';
import { cancelledTransfers } from './bank-statement.js';
import type { BankLine, Decision, OpenItem } from './types.js';
import { byEdi, byPayer, byVirtualAccount, ediTokens, indexLearned, resolveByName } from './match-customers.js';
import { decide, NO_ALTERNATIVES } from './match-decisions.js';
import { settleGroups } from './match-group.js';
import { settleLeftovers } from './match-leftovers.js';
import { runPasses } from './match-passes.js';
import type { Payer, Resolution, Run, Tally, Work } from './match-work.js';
import { MAX_COMBINATION } from './limits.js';

export interface MatchOptions {
  readonly learned?: Learned;
  /** Largest number of invoices one payment may settle in a combination (default MAX_COMBINATION). */
  readonly maxCombination?: number;
  /**
   * 許容差額 of the run, yen (default 0): a payment this much short or over a unique invoice
   * clears it, the difference booked by its treatment. A customer's own `tolerance` overrides it.
   */
  readonly tolerance?: number;
  /** The statement's payers parsed beforehand (statementPayers of the same lines; parsed here when absent or of other lines). */
  readonly payers?: StatementPayers | undefined;
}

/** A statement's deposits' payer names, each distinct one parsed once (statementPayers). */
export interface StatementPayers {
  readonly lines: readonly BankLine[];
  /** Line i's payer: its position in `names` (withdrawals: 0, unread). */
  readonly payerOf: Int32Array;
  readonly names: readonly PayerName[];
}

export interface MatchResult {
  /** One per deposit, in statement order. Withdrawals are not matched against receivables. */
  readonly decisions: Decision[];
  /** What each invoice still has open after the auto matches. */
  readonly remaining: ReadonlyMap<string, number>;
}

/**
 * Matches every deposit of a statement against the open items.
 * @example matchDeposits(statement.lines, openItems).decisions[0]?.status // 'auto'
 */
export function matchDeposits(
  lines: readonly BankLine[],
  items: readonly OpenItem[] | OpenItemRows,
  options: MatchOptions = {},
): MatchResult {
  // Each step is a function of its own, so each of its loops is compiled with its own type
  // feedback: in one long function every loop met code not yet run and fell back to the interpreter.
  const index = new OpenItemIndex(items);
  const learned = indexLearned(options.learned);
  const run: Run = {
    index,
    learned,
    invoices: new Map(),
    byAccount: new Map(),
    cancelled: cancellationReasons(lines),
    tolerance: options.tolerance ?? 0,
  };
  const parsed = options.payers?.lines === lines ? options.payers : statementPayers(lines);
  const payers = parsed.names.map((name): Payer => ({ name, byName: resolveByName(name, index) ?? null }));
  const walk = walkStatement(lines, parsed.payerOf, payers, run);
  const maxCombination = options.maxCombination ?? MAX_COMBINATION;
  runPasses(byCustomerOldestFirst(walk.byDate, index.customers.size), run, walk.tally, maxCombination);
  settleGroups(walk.tally.several, index, maxCombination);
  const openByAmount = index.openWithAmounts(walk.tally.unplacedAmounts);
  const decisions = settleLeftovers(walk.inOrder, index, openByAmount);
  let remaining: Map<string, number> | undefined;
  return {
    decisions,
    // Built when asked for: a caller that only writes the match table does not pay for 400k entries.
    get remaining() {
      remaining ??= index.remaining();
      return remaining;
    },
  };
}

/**
 * 取消区分 1 (組戻し・取消): the cancelling record and the transfer it cancels clear nothing; a
 * cancellation whose transfer came in an earlier notice asks for that 消込 to be reversed.
 */
function cancellationReasons(lines: readonly BankLine[]): Map<number, string> {
  const reasons = new Map<number, string>();
  for (const [c, o] of cancelledTransfers(lines)) {
    const cancel = lines[c] as BankLine;
    const original = lines[o];
    if (original) {
      reasons.set(o, `取消区分1の取消データ（明細${cancel.line}）で取り消された振込のため消込しません`);
      reasons.set(c, `取消区分1: 明細${original.line}の振込（${original.amount}円）の取消。どちらも消込しません`);
    } else {
      const ref = cancel.id === '' ? '' : `照会番号${cancel.id}、`;
      reasons.set(c, `取消区分1: この明細にない以前の振込（${ref}${cancel.amount}円）の取消。その消込を取り消してください`);
    }
  }
  return reasons;
}

function settle(w: Work, resolution: Resolution | undefined, tally: Tally): void {
  w.resolution = resolution;
  if (resolution?.customers.length !== 1) tally.unsettledAmounts.set(w.amount, (tally.unsettledAmounts.get(w.amount) ?? 0) + 1);
  if (!resolution) tally.unplacedAmounts.add(w.amount);
  else if (resolution.customers.length > 1 && (resolution.method === 'group' || resolution.method === 'short_name')) tally.several.push(w);
}

/**
 * The distinct payer strings of a statement's deposits, each parsed once: `payerOf[i]` is line
 * i's in `names`. Resolving them by name (resolveByName) depends on the name and the open items
 * alone, and is done once each by matchDeposits. Parsing needs no open items: a host that reads
 * the open items on another thread parses these meanwhile (MatchOptions.payers).
 * A loop of its own: the look-up table stays in the CPU cache while nothing else competes for
 * it (interleaved with the rest of the walk, these 200k look-ups cost several times more).
 * @example statementPayers(statement.lines).names[0]?.key // 'ヤマダシヨウジ'
 */
export function statementPayers(lines: readonly BankLine[]): StatementPayers {
  const payerOf = new Int32Array(lines.length);
  const distinct = new Map<string, number>();
  const raws: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as BankLine;
    if (line.direction !== 'in') continue;
    let k = distinct.get(line.payer);
    if (k === undefined) {
      k = raws.length;
      raws.push(line.payer);
      distinct.set(line.payer, k);
    }
    payerOf[i] = k;
  }
  return { lines, payerOf, names: raws.map((raw) => parsePayerName(raw)) };
}

/**
 * One walk over the statement: a Work per deposit, its customer resolved, filed by date.
 * `inOrder` keeps the statement's order for the result; `byDate` files deposits by date (a
 * statement spans few days: bucket, don't sort), in statement order within a day. Deposits
 * carrying EDI wait for the one look-up of all the invoice ids their EDI fields name.
 */
function walkStatement(
  lines: readonly BankLine[],
  payerOf: Int32Array,
  payers: readonly Payer[],
  run: Run,
): { inOrder: Work[]; byDate: Map<string, Work[]>; tally: Tally } {
  const inOrder: Work[] = [];
  const byDate = new Map<string, Work[]>();
  const tally: Tally = { unsettledAmounts: new Map(), unplacedAmounts: new Set(), several: [] };
  const ediKeys = new Set<string>();
  // One string per date: the passes compare a deposit's date with the last one seen, and equal
  // strings that are one object compare without reading their characters.
  const dates = new Map<string, IsoDate>();
  const waitingForEdi: Work[] = [];
  const waitingPayers: Payer[] = [];
  const waitingKeys: string[][] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as BankLine;
    if (line.direction !== 'in') continue;
    const payer = payers[payerOf[i] as number] as Payer;
    let date = dates.get(line.date);
    if (date === undefined) {
      date = line.date;
      dates.set(date, date);
    }
    const w: Work = {
      line,
      payer: payer.name,
      amount: line.amount,
      date,
      resolution: undefined,
      decision: undefined,
    };
    inOrder.push(w);
    const cancelled = run.cancelled.get(i);
    if (cancelled !== undefined) {
      w.decision = decide(w, 'unmatched', 'none', '', [], 0, 0, cancelled, NO_ALTERNATIVES, run.index);
      continue;
    }
    pushTo(byDate, date, w);
    const byAccount = byVirtualAccount(line, run);
    if (!byAccount && line.edi !== '') {
      // A word of separators only (-, /, －) has the empty key, as an id of separators has: it names no invoice.
      const keys = ediTokens(line.edi)
        .map(invoiceKey)
        .filter((key) => key !== '');
      for (const key of keys) ediKeys.add(key);
      waitingForEdi.push(w);
      waitingPayers.push(payer);
      waitingKeys.push(keys);
    } else settle(w, byAccount ?? byPayer(line, payer, run), tally);
  }
  run.invoices = run.index.invoicesWithKeys(ediKeys);
  for (let k = 0; k < waitingForEdi.length; k++) {
    const w = waitingForEdi[k] as Work;
    settle(w, byEdi(waitingKeys[k] as string[], run) ?? byPayer(w.line, waitingPayers[k] as Payer, run), tally);
  }
  return { inOrder, byDate, tally };
}

/**
 * The deposits some pass will see, grouped by customer, each group in date order (oldest
 * first), then statement order.
 */
function byCustomerOldestFirst(byDate: ReadonlyMap<string, Work[]>, customers: number): Work[][] {
  const dates = [...byDate.keys()].sort(compareText);
  // By the customer's ordinal, not a map keyed by block: no hashing 200,000 times.
  const byOrdinal: (Work[] | undefined)[] = new Array(customers).fill(undefined);
  const out: Work[][] = [];
  for (const date of dates) {
    const day = byDate.get(date) ?? [];
    for (let i = 0; i < day.length; i++) {
      const w = day[i] as Work;
      const block = w.resolution?.block;
      if (!block) continue;
      const list = byOrdinal[block.ordinal];
      if (list) list.push(w);
      else {
        const started = [w];
        byOrdinal[block.ordinal] = started;
        out.push(started);
      }
    }
  }
  return out;
}
