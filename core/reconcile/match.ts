/**
 * 入金消込: deposits against open receivables, as a cascade of passes, run customer by customer
 * once each deposit's customer is known. Each pass sees only the deposits earlier passes left,
 * and accepts only a unique winner:
 *
 *   customer:  virtual account → EDI invoice number → 振込依頼人コード (learned) → learned
 *              payer name → customer kana / 振込名義 (exact) → cut name (prefix)
 *   amount:    invoice named by VA/EDI → exact amount → amount + fee → all open items →
 *              combination of ≤ 5 invoices (stops at the 2nd solution) → partial, oldest first
 *   leftovers: an amount unique across all customers while the payer resembles none is only
 *              a suggestion; what is not unique becomes a suggestion list, never an auto match.
 *
 * Same amount twice for one customer: the oldest due date takes it (invox, 請求管理ロボ).
 */
import { compareNames, mayBeTruncated } from '../kana/compare.js';
import { kanaKey } from '../kana/normalize.js';
import { parsePayerName, type PayerName } from '../kana/payer-name.js';
import { findCombinations } from './combination.js';
import { globalFeesOn } from './fee-table.js';
import { dateOrderKey, type IsoDate } from '../dates/calendar.js';
import type { Learned, LearnedFact } from './learned.js';
import {
  type CustomerBlock,
  compareText,
  invoiceKey,
  NO_ITEM,
  type NameEntry,
  OpenItemIndex,
  pushTo,
  type Seq,
} from './open-item-index.js';
import { cancelledTransfers } from './bank-statement.js';
import type { Allocation, AmountMethod, BankLine, Candidate, CustomerMethod, Decision, OpenItem } from './types.js';

export interface MatchOptions {
  readonly learned?: Learned;
  /** Largest number of invoices one payment may settle in a combination (default 5). */
  readonly maxCombination?: number;
}

export interface MatchResult {
  /** One per deposit, in statement order. Withdrawals are not matched against receivables. */
  readonly decisions: Decision[];
  /** What each invoice still has open after the auto matches. */
  readonly remaining: ReadonlyMap<string, number>;
}

interface Resolution {
  readonly method: CustomerMethod;
  readonly customers: readonly string[];
  readonly reason: string;
  /** An invoice the bank line names itself (EDI or a per-invoice virtual account), or NO_ITEM. */
  readonly invoice: Seq;
  /** The customer's open items when `customers` is exactly one known customer (looked up once per resolution). */
  readonly block: CustomerBlock | undefined;
}

interface Work {
  readonly line: BankLine;
  readonly payer: PayerName;
  /** The line's amount and date, kept beside the rest so the passes need not read the line. */
  readonly amount: number;
  readonly date: IsoDate;
  resolution: Resolution | undefined;
  decision: Decision | undefined;
}

/** What one matching run shares: the index, the learned table, and per-run caches. */
interface Run {
  readonly index: OpenItemIndex;
  readonly learned: LearnedIndex;
  /** The invoices the statement's EDI fields name, by invoice key (filled once all are known). */
  invoices: ReadonlyMap<string, Seq>;
  /** Resolutions by virtual account as written on the line. */
  readonly byAccount: Map<string, Resolution | null>;
  /** Lines that clear nothing, by index: 取消区分 1 records and the transfers they cancel, with the reason. */
  readonly cancelled: ReadonlyMap<number, string>;
}

/**
 * A distinct payer string of the statement: parsed once, and resolved by name once (a payer
 * who pays every month resolves the same way each time). Each deposit finds its Payer by
 * position (`payerOf`), not by another look-up.
 */
interface Payer {
  readonly name: PayerName;
  /** null = no customer by name. */
  readonly byName: Resolution | null;
}

const CUSTOMER_CONFIDENCE: Record<CustomerMethod, number> = {
  virtual_account: 0.99,
  edi: 0.99,
  payer_code: 0.97,
  learned: 0.96,
  name: 0.95,
  payer_names: 0.95,
  truncated_name: 0.9,
  amount: 0.5,
};
const AMOUNT_CONFIDENCE: Record<AmountMethod, number> = {
  exact: 1,
  fee: 0.97,
  all_open: 0.97,
  combination: 0.9,
  partial: 0.85,
  amount_only: 0.5,
  over: 0.6,
  none: 0,
};

/**
 * Matches every deposit of a statement against the open items.
 * @example matchDeposits(statement.lines, openItems).decisions[0]?.status // 'auto'
 */
export function matchDeposits(lines: readonly BankLine[], items: readonly OpenItem[], options: MatchOptions = {}): MatchResult {
  // Each step is a function of its own, so each of its loops is compiled with its own type
  // feedback: in one long function every loop met code not yet run and fell back to the interpreter.
  const index = new OpenItemIndex(items);
  const learned = indexLearned(options.learned);
  const run: Run = { index, learned, invoices: new Map(), byAccount: new Map(), cancelled: cancellationReasons(lines) };
  const payerOf = new Int32Array(lines.length);
  const payers = distinctPayers(lines, payerOf, index);
  const walk = walkStatement(lines, payerOf, payers, run);
  runPasses(byCustomerOldestFirst(walk.byDate, index.customers.size), run, walk.tally, options.maxCombination ?? 5);
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

/**
 * Amounts of deposits no pass will see (no customer, or several): the partial pass asks
 * whether one of them pays an invoice in full, and the leftovers look their amounts up.
 */
interface Tally {
  readonly unsettledAmounts: Map<number, number>;
  readonly unplacedAmounts: Set<number>;
}

function settle(w: Work, resolution: Resolution | undefined, tally: Tally): void {
  w.resolution = resolution;
  if (resolution?.customers.length !== 1) tally.unsettledAmounts.set(w.amount, (tally.unsettledAmounts.get(w.amount) ?? 0) + 1);
  if (!resolution) tally.unplacedAmounts.add(w.amount);
}

/**
 * The distinct payer strings of the deposits, each parsed once and resolved by name once
 * (resolution by name depends on the name and the index alone); `payerOf[i]` is line i's.
 * A loop of its own: the look-up table stays in the CPU cache while nothing else competes for
 * it (interleaved with the rest of the walk, these 200k look-ups cost several times more).
 */
function distinctPayers(lines: readonly BankLine[], payerOf: Int32Array, index: OpenItemIndex): Payer[] {
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
  const names = raws.map((raw) => parsePayerName(raw));
  return names.map((name) => ({ name, byName: resolveByName(name, index) ?? null }));
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
  const tally: Tally = { unsettledAmounts: new Map(), unplacedAmounts: new Set() };
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
      const keys = ediTokens(line.edi).map(invoiceKey);
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

/**
 * The amount passes, customer by customer. A deposit only competes with deposits of its own
 * customer (every pass reads and clears that customer's invoices alone), so running the whole
 * cascade for one customer before the next gives the same decisions as running each pass over
 * the whole batch, while that customer's invoices and deposits stay in the CPU cache.
 */
function runPasses(customers: Iterable<Work[]>, run: Run, tally: Tally, maxCombination: number): void {
  for (const deposits of customers) decideCustomer(deposits, run, tally, maxCombination);
}

/** The cascade for one customer's deposits: each pass sees only what earlier passes left. */
function decideCustomer(deposits: readonly Work[], run: Run, tally: Tally, maxCombination: number): void {
  const { index, learned } = run;
  const block = deposits[0]?.resolution?.block;
  if (!block) return;
  // Those whose bank line names the invoice (EDI, per-invoice virtual account) are tried on it first.
  const n = deposits.length;
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    if (w.resolution && w.resolution.invoice !== NO_ITEM) w.decision = namedInvoice(w, block, w.resolution, index, learned);
  }
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= exactPass(w, block, w.resolution as Resolution, index);
  }
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= feePass(w, block, w.resolution as Resolution, index, learned);
  }
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= allOpenPass(w, block, w.resolution as Resolution, index, learned);
  }
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= combinationPass(w, block, w.resolution as Resolution, index, learned, maxCombination);
  }
  // How many of the customer's deposits are still unsettled when the partial pass starts.
  let unsettled = 0;
  for (let i = 0; i < n; i++) if (!(deposits[i] as Work).decision) unsettled++;
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= partialPass(w, block, w.resolution as Resolution, index, unsettled, tally.unsettledAmounts);
  }
}

/** Decides what no pass could, and returns every decision in statement order. */
function settleLeftovers(inOrder: readonly Work[], index: OpenItemIndex, openByAmount: ReadonlyMap<number, readonly Seq[]>): Decision[] {
  return inOrder.map((w) => (w.decision ??= leftover(w, index, openByAmount)));
}

// ── customer resolution ────────────────────────────────────────────────────────────────

interface LearnedIndex {
  readonly payers: Map<string, LearnedFact[]>;
  readonly codes: Map<string, LearnedFact[]>;
  readonly fees: Map<string, number[]>;
}

function indexLearned(learned: Learned | undefined): LearnedIndex {
  const payers = new Map<string, LearnedFact[]>();
  const codes = new Map<string, LearnedFact[]>();
  const feeFacts = new Map<string, LearnedFact[]>();
  for (const f of learned?.facts ?? []) {
    const map = f.kind === 'payer' ? payers : f.kind === 'code' ? codes : feeFacts;
    const key = f.kind === 'fee' ? f.customerId : f.payerKey;
    pushTo(map, key, f);
  }
  const fees = new Map<string, number[]>();
  for (const [customer, facts] of feeFacts)
    fees.set(
      customer,
      facts.sort((a, b) => b.count - a.count).map((f) => f.fee),
    );
  return { payers, codes, fees };
}

/** The learned fact that wins: 仕向銀行・支店 agreeing first, then most seen, then newest. */
function bestLearned(facts: readonly LearnedFact[], line: BankLine): { customer: string; count: number } | 'ambiguous' | undefined {
  if (facts.length === 0) return undefined;
  const bank = kanaKey(line.remitterBank);
  const branch = kanaKey(line.remitterBranch);
  const rank = (f: LearnedFact) =>
    (f.remitterBank !== '' && f.remitterBank === bank ? 2 : 0) + (f.remitterBranch !== '' && f.remitterBranch === branch ? 1 : 0);
  const sorted = [...facts].sort((a, b) => rank(b) - rank(a) || b.count - a.count || compareText(b.lastDate, a.lastDate));
  const [top, second] = sorted;
  if (!top) return undefined;
  if (
    second &&
    second.customerId !== top.customerId &&
    rank(second) === rank(top) &&
    second.count === top.count &&
    second.lastDate === top.lastDate
  ) {
    return 'ambiguous';
  }
  return { customer: top.customerId, count: top.count };
}

/** The EDI field whole, and each word of it: payers write `INV-001 5月分` or `INV-001/INV-002`. */
function ediTokens(edi: string): string[] {
  const words = edi.split(/[\s,./:;]+/);
  // One word (the usual case) is the field itself.
  return words.length === 1 && words[0] === edi ? words : [edi, ...words];
}

/** A resolution with its one customer's block looked up (once here, not once per deposit). */
function resolved(
  index: OpenItemIndex,
  method: CustomerMethod,
  customers: readonly string[],
  reason: string,
  invoice: Seq = NO_ITEM,
  /** The one customer's block when the caller has it at hand. */
  known?: CustomerBlock,
): Resolution {
  // One literal, every field always present: resolutions of one shape keep the property reads
  // of the passes monomorphic (a spread made a shape per combination of fields).
  const block = customers.length === 1 ? (known ?? index.customers.get(customers[0] ?? '')) : undefined;
  return { method, customers, reason, invoice, block };
}

/** 専用口座: a virtual account that belongs to one customer (and maybe to one invoice). */
function byVirtualAccount(line: BankLine, run: Run): Resolution | undefined {
  if (line.virtualAccount === '') return undefined;
  // Resolved before any pass clears an invoice, so one account always resolves the same way:
  // once per account, not once per deposit.
  let found = run.byAccount.get(line.virtualAccount);
  if (found === undefined) {
    found = byVirtualAccountUncached(line.virtualAccount.replace(/\D/g, ''), run.index) ?? null;
    run.byAccount.set(line.virtualAccount, found);
  }
  return found ?? undefined;
}

function byVirtualAccountUncached(va: string, index: OpenItemIndex): Resolution | undefined {
  if (va === '') return undefined;
  const items = index.byVirtualAccount.get(va) ?? [];
  const customers = [...new Set(items.map((s) => index.blockOfItem(s).id))];
  if (customers.length !== 1) return undefined;
  const only = items.length === 1 ? (items[0] as Seq) : NO_ITEM;
  return resolved(
    index,
    'virtual_account',
    customers,
    `専用口座${va}`,
    only !== NO_ITEM && (index.residual[only] as number) > 0 ? only : NO_ITEM,
  );
}

/** EDI情報 naming exactly one invoice (`keys`: the invoice keys of its words, worked out in the walk). */
function byEdi(keys: readonly string[], run: Run): Resolution | undefined {
  const hits = new Set<Seq>();
  for (const key of keys) {
    const hit = run.invoices.get(key);
    if (hit !== undefined) hits.add(hit);
  }
  const [only] = hits;
  if (hits.size !== 1 || only === undefined) return undefined;
  const { index } = run;
  const block = index.blockOfItem(only);
  return resolved(index, 'edi', [block.id], `EDI情報に請求書番号${index.invoiceIds[only]}`, only, block);
}

/** After the virtual account and EDI: learned 振込依頼人コード, learned payer name, then the name itself. */
function byPayer(line: BankLine, entry: Payer, run: Run): Resolution | undefined {
  const { index, learned } = run;
  // With nothing learned (most runs) the parsed name is not even read here: it was resolved already.
  if (learned.codes.size > 0) {
    const code = line.payerCode || entry.name.payerNumber;
    const best = code === '' ? undefined : bestLearned(learned.codes.get(code) ?? [], line);
    if (best && best !== 'ambiguous')
      return resolved(index, 'payer_code', [best.customer], `振込依頼人コード${code}（学習済み${best.count}回）`);
  }
  if (learned.payers.size > 0 && entry.name.key !== '') {
    const best = bestLearned(learned.payers.get(entry.name.key) ?? [], line);
    if (best && best !== 'ambiguous') return resolved(index, 'learned', [best.customer], `学習済みの振込名義（${best.count}回）`);
  }
  return entry.byName ?? undefined;
}

/**
 * By name alone. Each distinct payer string is resolved once; spellings that parse alike are
 * not looked up once per (key, legal form, written length) any more: the table for that cost
 * more to fill than the look-ups it saved (44,600 of 62,400 were distinct anyway).
 */
function resolveByName(payer: PayerName, index: OpenItemIndex): Resolution | undefined {
  const entries = index.byNameKey.get(payer.key) ?? NO_ENTRIES;
  // Most keys name one customer: that case without the lists below.
  const [only] = entries;
  if (entries.length === 1 && only && compareNames(payer, only.name) === 'exact') {
    const reason = only.via === 'name' ? '振込名義が得意先カナと一致' : '登録済みの振込名義と一致';
    return resolved(index, only.via, [only.customerId], reason, undefined, only.block);
  }
  const exact = entries.filter((e) => compareNames(payer, e.name) === 'exact');
  const exactCustomers = customersOf(exact);
  if (exactCustomers.length > 0) {
    const via = exact.every((e) => e.via === 'payer_names') ? 'payer_names' : 'name';
    const reason =
      exactCustomers.length === 1
        ? via === 'name'
          ? '振込名義が得意先カナと一致'
          : '登録済みの振込名義と一致'
        : `同名の得意先が${exactCustomers.length}件`;
    return resolved(index, via, exactCustomers, reason, undefined, exact[0]?.block);
  }
  if (mayBeTruncated(payer) && payer.key.length >= 6) {
    const found = index.keysStartingWith(payer.key.slice(0, -1)).filter((e) => compareNames(payer, e.name) !== 'none');
    const customers = customersOf(found);
    if (customers.length > 0) {
      const reason =
        customers.length === 1
          ? `振込名義（${payer.writtenLength}文字で切れている）が得意先カナの先頭と一致`
          : `切れた振込名義に合う得意先が${customers.length}件`;
      return resolved(index, 'truncated_name', customers, reason, undefined, found[0]?.block);
    }
  }
  return undefined;
}

const NO_ENTRIES: readonly NameEntry[] = Object.freeze([]);

/** The distinct customers of name entries, in order (most names belong to one). */
function customersOf(entries: readonly NameEntry[]): string[] {
  const [only] = entries;
  if (entries.length === 1 && only) return [only.customerId];
  return [...new Set(entries.map((e) => e.customerId))];
}

// ── amount passes (customer known) ─────────────────────────────────────────────────────

interface FeeChoice {
  readonly fee: number;
  /** Learned for this customer, or allowed by 当方負担. */
  readonly auto: boolean;
  readonly learned: boolean;
}

let lastFeeDate = '';
let lastFees: readonly number[] | undefined;

/** Fees to try: the customer's learned fees, then the global set (auto only under 当方負担). */
function feesFor(block: CustomerBlock, date: IsoDate, learned: LearnedIndex): readonly FeeChoice[] {
  // A customer's deposits come oldest first, so consecutive calls mostly share the date.
  if (date !== lastFeeDate) {
    lastFeeDate = date;
    lastFees = globalFeesOn(date);
  }
  const global = lastFees;
  if (block.fees?.global === global && block.fees) return block.fees.choices;
  const own = learned.fees.get(block.id) ?? [];
  const out = own.length === 0 ? globalChoices(global, block.feeBurden === 'ours') : ownAndGlobal(own, global, block.feeBurden === 'ours');
  block.fees = { global, choices: out };
  return out;
}

function ownAndGlobal(own: readonly number[], global: readonly number[] | undefined, ours: boolean): FeeChoice[] {
  const out: FeeChoice[] = own.map((fee) => ({ fee, auto: true, learned: true }));
  for (const fee of global ?? []) if (!own.includes(fee)) out.push({ fee, auto: ours, learned: false });
  return out;
}

const sharedChoices = new Map<readonly number[] | undefined, { ours: FeeChoice[]; other: FeeChoice[] }>();

/** Most customers have learned no fee of their own: they share the choices built from the global set. */
function globalChoices(global: readonly number[] | undefined, ours: boolean): readonly FeeChoice[] {
  let shared = sharedChoices.get(global);
  if (!shared) {
    shared = { ours: ownAndGlobal([], global, true), other: ownAndGlobal([], global, false) };
    sharedChoices.set(global, shared);
  }
  return ours ? shared.ours : shared.other;
}

/** An amount cleared from an open item (or proposed to be). */
interface Applied {
  readonly seq: Seq;
  readonly amount: number;
}

function decide(
  w: Work,
  status: Decision['status'],
  method: string,
  customerId: string,
  allocations: readonly Applied[],
  fee: number,
  confidence: number,
  reason: string,
  alternatives: readonly Candidate[],
  /** An auto decision clears its allocations from the index's open amounts. */
  index: OpenItemIndex,
): Decision {
  let applied = 0;
  const n = allocations.length;
  for (let i = 0; i < n; i++) {
    const a = allocations[i] as Applied;
    if (status === 'auto') index.apply(a.seq, a.amount);
    applied += a.amount;
  }
  // A literal or map, not push: an array grown by push reserves room for 17 entries, and 200k
  // decisions keep theirs. Most settle one invoice: a one-element literal, no callback.
  const one = n === 1 ? (allocations[0] as Applied) : undefined;
  const ids = index.invoiceIds;
  const out: Allocation[] = one
    ? [{ invoiceId: ids[one.seq] as string, amount: one.amount }]
    : allocations.map((a): Allocation => ({ invoiceId: ids[a.seq] as string, amount: a.amount }));
  return {
    line: w.line,
    payerKey: w.payer.key,
    status,
    method,
    customerId,
    allocations: out,
    fee,
    difference: w.amount - applied + fee,
    confidence: Math.round(confidence * 100) / 100,
    reason,
    alternatives,
  };
}

/** Most decisions have no alternative: they share one empty (frozen) list. */
const NO_ALTERNATIVES: readonly Candidate[] = Object.freeze([]);

const methodNames = new Map<string, Map<string, string>>();

/**
 * `customer+amount` method names, made once each: 200k decisions need not carry 200k copies.
 * @example methodName(resolution, 'exact') // 'name+exact'
 */
function methodName(r: Resolution, amount: AmountMethod): string {
  let names = methodNames.get(r.method);
  if (!names) {
    names = new Map();
    methodNames.set(r.method, names);
  }
  let name = names.get(amount);
  if (name === undefined) {
    name = `${r.method}+${amount}`;
    names.set(amount, name);
  }
  return name;
}

function conf(r: Resolution, m: AmountMethod, factor = 1): number {
  return CUSTOMER_CONFIDENCE[r.method] * AMOUNT_CONFIDENCE[m] * factor;
}

function candidate(index: OpenItemIndex, items: readonly Seq[], reason: string): Candidate {
  const [first] = items;
  return {
    customerId: first === undefined ? '' : index.blockOfItem(first).id,
    invoiceIds: items.map((s) => index.invoiceIds[s] as string),
    reason,
  };
}

/** The bank line names the invoice (EDI, per-invoice virtual account): check the amount. */
function namedInvoice(w: Work, block: CustomerBlock, r: Resolution, index: OpenItemIndex, learned: LearnedIndex): Decision | undefined {
  const s = r.invoice;
  const open = s === NO_ITEM ? 0 : (index.residual[s] as number);
  if (open === 0) return undefined;
  const amount = w.amount;
  if (amount === open)
    return decide(
      w,
      'auto',
      methodName(r, 'exact'),
      block.id,
      [{ seq: s, amount }],
      0,
      conf(r, 'exact'),
      `${r.reason}、金額一致`,
      [],
      index,
    );
  const fee = feesFor(block, w.date, learned).find((f) => amount + f.fee === open);
  if (fee) {
    return decide(
      w,
      fee.auto ? 'auto' : 'suggested',
      methodName(r, 'fee'),
      block.id,
      [{ seq: s, amount: open }],
      fee.fee,
      conf(r, 'fee'),
      `${r.reason}、振込手数料${fee.fee}円差引`,
      NO_ALTERNATIVES,
      index,
    );
  }
  if (amount < open) {
    return decide(
      w,
      'auto',
      methodName(r, 'partial'),
      block.id,
      [{ seq: s, amount }],
      0,
      conf(r, 'partial'),
      `${r.reason}、一部入金（残${open - amount}円）`,
      NO_ALTERNATIVES,
      index,
    );
  }
  return decide(
    w,
    'suggested',
    methodName(r, 'over'),
    block.id,
    [{ seq: s, amount: open }],
    0,
    conf(r, 'over'),
    `${r.reason}、入金が請求残高より${amount - open}円多い`,
    NO_ALTERNATIVES,
    index,
  );
}

function exactPass(w: Work, block: CustomerBlock, r: Resolution, index: OpenItemIndex): Decision | undefined {
  const first = index.oldestWithAmount(block, w.amount);
  if (first === NO_ITEM) return undefined;
  // Only a repeated amount has alternatives.
  const rest = index.othersWithAmount(block, w.amount, first);
  const alternatives = rest.length === 0 ? NO_ALTERNATIVES : rest.map((s) => candidate(index, [s], '同額の請求: 支払期限が古い方を優先'));
  const reason = `${r.reason}、請求残高と金額一致${rest.length > 0 ? `（同額${rest.length + 1}件のうち支払期限が最も古い請求）` : ''}`;
  return decide(
    w,
    'auto',
    methodName(r, 'exact'),
    block.id,
    [{ seq: first, amount: w.amount }],
    0,
    conf(r, 'exact'),
    reason,
    alternatives,
    index,
  );
}

function feePass(w: Work, block: CustomerBlock, r: Resolution, index: OpenItemIndex, learned: LearnedIndex): Decision | undefined {
  // Most deposits that reach this pass fit no fee: nothing is allocated for them.
  const fees = feesFor(block, w.date, learned);
  let found: { fee: FeeChoice; seq: Seq }[] | undefined;
  for (let i = 0; i < fees.length; i++) {
    const fee = fees[i] as FeeChoice;
    const oldest = index.oldestWithAmount(block, w.amount + fee.fee);
    if (oldest === NO_ITEM) continue;
    found ??= [];
    found.push({ fee, seq: oldest });
  }
  if (!found) return undefined;
  let learnedHits = 0;
  let learnedHit: (typeof found)[number] | undefined;
  for (const f of found) {
    if (f.fee.learned) {
      learnedHits++;
      learnedHit = f;
    }
  }
  const winner = learnedHits === 1 ? learnedHit : found.length === 1 ? found[0] : undefined;
  const best = winner ?? found[0];
  if (!best) return undefined;
  const alternatives =
    found.length === 1
      ? NO_ALTERNATIVES
      : found.filter((f) => f !== best).map((f) => candidate(index, [f.seq], `手数料${f.fee.fee}円差引でも一致`));
  const auto = winner?.fee.auto === true;
  const why = winner
    ? winner.fee.learned
      ? '（学習済みの手数料）'
      : winner.fee.auto
        ? '（当方負担）'
        : block.feeBurden === 'theirs'
          ? '（先方負担の得意先: 差引は要確認）'
          : '（手数料負担が未設定: 要確認）'
    : `（手数料の候補が${found.length}通り）`;
  return decide(
    w,
    auto ? 'auto' : 'suggested',
    methodName(r, 'fee'),
    block.id,
    [{ seq: best.seq, amount: index.residual[best.seq] as number }],
    best.fee.fee,
    conf(r, 'fee', auto ? 1 : 0.6),
    `${r.reason}、振込手数料${best.fee.fee}円を差し引いた金額と一致${why}`,
    alternatives,
    index,
  );
}

function allOpenPass(w: Work, block: CustomerBlock, r: Resolution, index: OpenItemIndex, learned: LearnedIndex): Decision | undefined {
  const open = index.openItems(block);
  if (open.length < 2) return undefined;
  const total = sumOpen(index, open);
  const fee = total === w.amount ? 0 : feesFor(block, w.date, learned).find((f) => f.auto && w.amount + f.fee === total)?.fee;
  if (fee === undefined) return undefined;
  return decide(
    w,
    'auto',
    methodName(r, 'all_open'),
    block.id,
    whatIsOpen(index, open),
    fee,
    conf(r, 'all_open'),
    `${r.reason}、未消込の請求${open.length}件の合計と一致${fee > 0 ? `（手数料${fee}円差引）` : ''}`,
    NO_ALTERNATIVES,
    index,
  );
}

let lastDay = '';
let lastDayKey = -1;

/** dateOrderKey of a deposit's date; a customer's deposits come oldest first, so mostly the last one asked. */
function dayOf(date: IsoDate): number {
  if (date !== lastDay) {
    lastDay = date;
    lastDayKey = dateOrderKey(date);
  }
  return lastDayKey;
}

/** The items a combination picked, oldest first. */
function picked(open: readonly Seq[], indexes: readonly number[]): Seq[] {
  return indexes
    .map((i) => open[i])
    .filter((s): s is Seq => s !== undefined)
    .sort((a, b) => a - b);
}

/** The open amounts of these items, added up. */
function sumOpen(index: OpenItemIndex, items: readonly Seq[]): number {
  let total = 0;
  for (let i = 0; i < items.length; i++) total += index.residual[items[i] as Seq] as number;
  return total;
}

/** Each item's whole open amount, to clear. */
function whatIsOpen(index: OpenItemIndex, items: readonly Seq[]): Applied[] {
  return items.map((s) => ({ seq: s, amount: index.residual[s] as number }));
}

function combinationPass(
  w: Work,
  block: CustomerBlock,
  r: Resolution,
  index: OpenItemIndex,
  learned: LearnedIndex,
  maxItems: number,
): Decision | undefined {
  // Only invoices issued by the payment date, oldest 40 at most: a payer settles what it has.
  // Dates compare as order numbers (the item's issue-date text lies elsewhere in memory).
  const day = dayOf(w.date);
  const open: Seq[] = [];
  const amounts: number[] = [];
  const { residual, issueKey } = index;
  for (let s = block.start; s < block.end && open.length < 40; s++) {
    const left = residual[s] as number;
    if (left <= 0) continue;
    const issued = issueKey[s] as number;
    if (issued >= 0 && day >= 0 ? issued <= day : index.item(s).issueDate <= w.date) {
      open.push(s);
      amounts.push(left);
    }
  }
  if (open.length < 2) return undefined;
  const targets = [w.amount];
  for (const f of feesFor(block, w.date, learned)) if (f.auto) targets.push(w.amount + f.fee);
  const result = findCombinations({ amounts, targets, maxItems });
  const [first, second] = result.solutions;
  if (!first) return undefined;
  const states = picked(open, first.indexes);
  const fee = first.total - w.amount;
  const unique = !second && !result.exhausted;
  const alternatives = second ? [candidate(index, picked(open, second.indexes), '別の組合せでも合計が一致')] : [];
  return decide(
    w,
    unique ? 'auto' : 'suggested',
    methodName(r, 'combination'),
    block.id,
    whatIsOpen(index, states),
    fee,
    conf(r, 'combination', unique ? 1 : 0.5),
    unique
      ? `${r.reason}、請求${states.length}件の合計と一致（他の組合せなし）${fee > 0 ? `、手数料${fee}円差引` : ''}`
      : `${r.reason}、合計が一致する組合せが複数あり（要確認）`,
    alternatives,
    index,
  );
}

function partialPass(
  w: Work,
  block: CustomerBlock,
  r: Resolution,
  index: OpenItemIndex,
  /** The customer's deposits still unsettled when this pass started (this one included). */
  unsettled: number,
  unsettledAmounts: ReadonlyMap<number, number>,
): Decision | undefined {
  const open = index.openItems(block);
  const [oldest] = open;
  if (oldest === undefined) return undefined;
  const oldestOpen = index.residual[oldest] as number;
  const total = sumOpen(index, open);
  if (w.amount > total) {
    return decide(
      w,
      'suggested',
      methodName(r, 'over'),
      block.id,
      whatIsOpen(index, open),
      0,
      conf(r, 'over'),
      `${r.reason}、入金が未消込の請求合計より${w.amount - total}円多い（前受金の可能性）`,
      NO_ALTERNATIVES,
      index,
    );
  }
  let left = w.amount;
  const allocations: Applied[] = [];
  for (const s of open) {
    if (left === 0) break;
    const take = Math.min(left, index.residual[s] as number);
    allocations.push({ seq: s, amount: take });
    left -= take;
  }
  // One invoice partly paid is the common case; spreading over several is for a person to
  // confirm. A name alone without a legal form (an individual) is too weak: namesakes pay too.
  // Another unsettled deposit of the same customer may be the one that pays the oldest invoice.
  const strong = r.method !== 'truncated_name' && ((r.method !== 'name' && r.method !== 'payer_names') || w.payer.legalForm !== undefined);
  // So may a deposit nobody could place whose amount pays it in full (a name not yet known).
  const paidInFullElsewhere = [0, ...(globalFeesOn(w.date) ?? [])].some((f) => (unsettledAmounts.get(oldestOpen - f) ?? 0) > 0);
  const auto = allocations.length === 1 && strong && unsettled <= 1 && !paidInFullElsewhere;
  return decide(
    w,
    auto ? 'auto' : 'suggested',
    methodName(r, 'partial'),
    block.id,
    allocations,
    0,
    conf(r, 'partial', auto ? 1 : 0.6),
    `${r.reason}、一部入金: 支払期限の古い請求から充当${auto ? `（残${oldestOpen - w.amount}円）` : ''}`,
    NO_ALTERNATIVES,
    index,
  );
}

// ── what no pass could settle ──────────────────────────────────────────────────────────

function leftover(w: Work, index: OpenItemIndex, openByAmount: ReadonlyMap<number, readonly Seq[]>): Decision {
  const r = w.resolution;
  if (r && r.customers.length > 1) {
    // Namesakes (同名の得意先): the amount may single one out, but only a person decides.
    const blocks = r.customers.map((c) => index.customers.get(c));
    // Each namesake's oldest open invoice of the amount (plus a fee).
    const probe = (fee: number) => {
      const found: Seq[] = [];
      for (const block of blocks) {
        const s = block ? index.oldestWithAmount(block, w.amount + fee) : NO_ITEM;
        if (s !== NO_ITEM) found.push(s);
      }
      return found;
    };
    let fee = 0;
    let hits = probe(0);
    for (const f of hits.length > 0 ? [] : (globalFeesOn(w.date) ?? [])) {
      hits = probe(f);
      if (hits.length > 0) {
        fee = f;
        break;
      }
    }
    const [best, ...others] = hits;
    if (best !== undefined) {
      return decide(
        w,
        'suggested',
        methodName(r, fee > 0 ? 'fee' : 'exact'),
        index.blockOfItem(best).id,
        [{ seq: best, amount: index.residual[best] as number }],
        fee,
        hits.length === 1 ? 0.6 : 0.4,
        `${r.reason}: 金額${fee > 0 ? `（手数料${fee}円差引）` : ''}が一致するのは${hits.length === 1 ? 'この得意先のみ' : `${hits.length}件`}（要確認）`,
        others.map((s) => candidate(index, [s], '同名の得意先で同額')),
        index,
      );
    }
    return decide(w, 'unmatched', r.method, '', [], 0, 0, `${r.reason}: 金額の合う請求なし`, NO_ALTERNATIVES, index);
  }
  if (r && r.customers.length === 1) {
    return decide(
      w,
      'unmatched',
      r.method,
      r.customers[0] ?? '',
      [],
      0,
      0,
      `${r.reason}、ただし未消込の請求がありません`,
      NO_ALTERNATIVES,
      index,
    );
  }
  const hits = openByAmount.get(w.amount) ?? [];
  const customers = new Set(hits.map((s) => index.blockOfItem(s).ordinal));
  const [best] = hits;
  if (best !== undefined && customers.size === 1) {
    return decide(
      w,
      'suggested',
      'amount+amount_only',
      index.blockOfItem(best).id,
      [{ seq: best, amount: index.residual[best] as number }],
      0,
      0.5,
      '振込名義に合う得意先はないが、金額が一致する請求は全得意先でこの1件のみ（要確認）',
      hits.slice(1).map((s) => candidate(index, [s], '同じ得意先の同額請求')),
      index,
    );
  }
  if (best !== undefined) {
    return decide(
      w,
      'unmatched',
      'none',
      '',
      [],
      0,
      0,
      `振込名義に合う得意先がなく、同額の請求が${customers.size}社にあります`,
      hits.slice(0, 5).map((s) => candidate(index, [s], '同額')),
      index,
    );
  }
  return decide(w, 'unmatched', 'none', '', [], 0, 0, '振込名義・金額とも合う請求がありません', NO_ALTERNATIVES, index);
}
