/**
 * 入金消込, step 2: the amount passes, once a deposit's customer is known, run customer by
 * customer: invoice named by VA/EDI → exact amount (two equal amounts: the oldest due date) →
 * amount + fee → all open items → combination of ≤ 5 invoices (stops at the 2nd solution) →
 * one invoice within the 許容差額 → partial, oldest first. Each pass sees only the deposits
 * earlier passes left. A name the payer cut short (short_name) is trusted with an exact amount only.
 */
import { dateOrderKey, type IsoDate } from '../dates/calendar.js';
import { findCombinations } from './combination.js';
import { globalFeesOn } from './fee-table.js';
import { type CustomerBlock, NO_ITEM, type OpenItemIndex, type Seq } from './open-item-index.js';
import type { Decision, DifferenceTreatment } from './types.js';
import { type Applied, candidate, conf, decide, methodName, NO_ALTERNATIVES } from './match-decisions.js';
import { type FeeChoice, feesFor } from './match-fees.js';
import type { LearnedIndex, Resolution, Run, Tally, Work } from './match-work.js';

/**
 * The amount passes, customer by customer. A deposit only competes with deposits of its own
 * customer (every pass reads and clears that customer's invoices alone), so running the whole
 * cascade for one customer before the next gives the same decisions as running each pass over
 * the whole batch, while that customer's invoices and deposits stay in the CPU cache.
 */
export function runPasses(customers: Iterable<Work[]>, run: Run, tally: Tally, maxCombination: number): void {
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
    if (w.resolution && w.resolution.invoice !== NO_ITEM)
      w.decision = namedInvoice(w, block, w.resolution, index, learned, block.tolerance ?? run.tolerance);
  }
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= exactPass(w, block, w.resolution as Resolution, index);
  }
  // A cut name with an exact amount is that customer; with anything less, a person decides.
  if (deposits[0]?.resolution?.method === 'short_name') return;
  const tolerance = block.tolerance ?? run.tolerance;
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= feePass(w, block, w.resolution as Resolution, index, learned, tolerance);
  }
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= allOpenPass(w, block, w.resolution as Resolution, index, learned, maxCombination);
  }
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= combinationPass(w, block, w.resolution as Resolution, index, learned, maxCombination);
  }
  if (tolerance > 0) {
    for (let i = 0; i < n; i++) {
      const w = deposits[i] as Work;
      w.decision ??= tolerancePass(w, block, w.resolution as Resolution, index, tolerance);
    }
  }
  // How many of the customer's deposits are still unsettled when the partial pass starts.
  let unsettled = 0;
  for (let i = 0; i < n; i++) if (!(deposits[i] as Work).decision) unsettled++;
  for (let i = 0; i < n; i++) {
    const w = deposits[i] as Work;
    w.decision ??= partialPass(w, block, w.resolution as Resolution, index, unsettled, tally.unsettledAmounts, tolerance);
  }
}

/** The bank line names the invoice (EDI, per-invoice virtual account): check the amount. */
function namedInvoice(
  w: Work,
  block: CustomerBlock,
  r: Resolution,
  index: OpenItemIndex,
  learned: LearnedIndex,
  tolerance: number,
): Decision | undefined {
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
  if (amount < open && open - amount <= tolerance) return withinTolerance(w, block, r, s, tolerance, NO_ALTERNATIVES, index);
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
  if (amount - open <= tolerance) return withinTolerance(w, block, r, s, tolerance, NO_ALTERNATIVES, index);
  // The bank line names the invoice: it is paid, and what is over stays on the customer.
  return decide(
    w,
    'auto',
    methodName(r, 'over'),
    block.id,
    [{ seq: s, amount: open }],
    0,
    conf(r, 'over'),
    `${r.reason}、入金が請求残高より${amount - open}円多い（超過分は前受金）`,
    NO_ALTERNATIVES,
    index,
    '前受金',
  );
}

/**
 * 差額の処理 of a payment within the 許容差額: short → 支払手数料 when we bear the customer's
 * fees (当方負担), else 雑損失; over → 雑収入.
 */
function treatmentOf(block: CustomerBlock, difference: number): DifferenceTreatment {
  if (difference > 0) return '雑収入';
  return block.feeBurden === 'ours' ? '支払手数料' : '雑損失';
}

/** Clears item `s` in full from a payment that differs from it by no more than the tolerance. */
function withinTolerance(
  w: Work,
  block: CustomerBlock,
  r: Resolution,
  s: Seq,
  tolerance: number,
  alternatives: readonly ReturnType<typeof candidate>[],
  index: OpenItemIndex,
  status: Decision['status'] = 'auto',
): Decision {
  const open = index.residual[s] as number;
  const difference = w.amount - open;
  const treatment = treatmentOf(block, difference);
  const how = difference < 0 ? `${-difference}円不足` : `${difference}円超過`;
  const beyond = Math.abs(difference) > tolerance;
  const note = beyond
    ? `が許容差額${tolerance}円を超える（${treatment}、要確認）`
    : `は許容差額${tolerance}円以内（${treatment}）${status === 'auto' ? '' : `、許容差額内の請求が${alternatives.length + 1}件（要確認）`}`;
  return decide(
    w,
    status,
    methodName(r, 'tolerance'),
    block.id,
    [{ seq: s, amount: open }],
    0,
    conf(r, 'tolerance', status === 'auto' ? 1 : 0.6),
    `${r.reason}、請求残高との差額${how}${note}`,
    alternatives,
    index,
    treatment,
  );
}

/** How far beyond the tolerance a payment still looks like one invoice paid a little short or over, not a part payment. */
const NEAR_INVOICE = 1_000;

/** The open item closest to the payment within `limit` yen (the oldest of equals), and the others within it. */
function closest(w: Work, block: CustomerBlock, index: OpenItemIndex, limit: number): { best: Seq; others: Seq[] } | undefined {
  const { residual } = index;
  let best = NO_ITEM;
  let within: Seq[] | undefined;
  for (let s = block.start; s < block.end; s++) {
    const open = residual[s] as number;
    if (open <= 0 || Math.abs(open - w.amount) > limit) continue;
    within ??= [];
    within.push(s);
    if (best === NO_ITEM || Math.abs(open - w.amount) < Math.abs((residual[best] as number) - w.amount)) best = s;
  }
  return within && { best, others: within.filter((s) => s !== best) };
}

/**
 * One open item within the 許容差額 of the payment (exact amounts, fees and combinations found
 * nothing): it is cleared in full and the difference booked. Several within it: the closest
 * (then the oldest) is suggested.
 */
function tolerancePass(w: Work, block: CustomerBlock, r: Resolution, index: OpenItemIndex, tolerance: number): Decision | undefined {
  const found = closest(w, block, index, tolerance);
  if (!found) return undefined;
  const others = found.others.map((s) => candidate(index, [s], '許容差額内の別の請求'));
  return withinTolerance(w, block, r, found.best, tolerance, others, index, others.length === 0 ? 'auto' : 'suggested');
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

function feePass(
  w: Work,
  block: CustomerBlock,
  r: Resolution,
  index: OpenItemIndex,
  learned: LearnedIndex,
  tolerance: number,
): Decision | undefined {
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
  // A deduction the customer was not to make (先方負担, or no agreement), within the tolerance:
  // not a 振込手数料 we bear but a short payment, booked as such.
  // Like any short payment: another invoice within the tolerance too makes it a suggestion (the closest first).
  if (winner && !auto && winner.fee.fee <= tolerance) return tolerancePass(w, block, r, index, tolerance);
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

function allOpenPass(
  w: Work,
  block: CustomerBlock,
  r: Resolution,
  index: OpenItemIndex,
  learned: LearnedIndex,
  maxItems: number,
): Decision | undefined {
  const open = index.openItems(block);
  if (open.length < 2) return undefined;
  const total = sumOpen(index, open);
  const fee = total === w.amount ? 0 : feesFor(block, w.date, learned).find((f) => f.auto && w.amount + f.fee === total)?.fee;
  if (fee === undefined) return undefined;
  // All of them less a fee, or some of them exactly (no fee): a person chooses. (Less no fee, all
  // of them is the only answer: every part adds up to less.)
  const exact =
    fee > 0
      ? findCombinations({ amounts: open.map((s) => index.residual[s] as number), targets: [w.amount], maxItems }).solutions[0]
      : undefined;
  return decide(
    w,
    exact ? 'suggested' : 'auto',
    methodName(r, 'all_open'),
    block.id,
    whatIsOpen(index, open),
    fee,
    conf(r, 'all_open', exact ? 0.5 : 1),
    exact
      ? `${r.reason}、未消込の請求${open.length}件の合計から手数料${fee}円差引で一致するが、請求${exact.indexes.length}件の合計とも手数料なしで一致（要確認）`
      : `${r.reason}、未消込の請求${open.length}件の合計と一致${fee > 0 ? `（手数料${fee}円差引）` : ''}`,
    exact ? [candidate(index, picked(open, exact.indexes), '手数料なしで合計が一致する組合せ')] : NO_ALTERNATIVES,
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

/** Open items a combination looks among: a customer's oldest, issued by the payment date. */
const COMBINATION_ITEMS = 40;

function combinationPass(
  w: Work,
  block: CustomerBlock,
  r: Resolution,
  index: OpenItemIndex,
  learned: LearnedIndex,
  maxItems: number,
): Decision | undefined {
  // Only invoices issued by the payment date, the oldest COMBINATION_ITEMS: a payer settles what it has.
  // Dates compare as order numbers (the item's issue-date text lies elsewhere in memory).
  const day = dayOf(w.date);
  const open: Seq[] = [];
  const amounts: number[] = [];
  // Items past the oldest 40 are not searched: a combination among them may fit as well.
  const unsearched = index.takeOldestIssued(block, day, w.date, COMBINATION_ITEMS, open, amounts);
  if (open.length < 2) return undefined;
  const targets = [w.amount];
  for (const f of feesFor(block, w.date, learned)) if (f.auto) targets.push(w.amount + f.fee);
  const result = findCombinations({ amounts, targets, maxItems });
  const [first, second] = result.solutions;
  if (!first) return undefined;
  const states = picked(open, first.indexes);
  const fee = first.total - w.amount;
  const unique = !second && !result.exhausted && !unsearched;
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
      : second || result.exhausted
        ? `${r.reason}、合計が一致する組合せが複数あり（要確認）`
        : `${r.reason}、古い請求${COMBINATION_ITEMS}件の中で合計が一致（それより新しい請求は探していないため要確認）`,
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
  tolerance: number,
): Decision | undefined {
  const open = index.openItems(block);
  const [oldest] = open;
  if (oldest === undefined) return undefined;
  const oldestOpen = index.residual[oldest] as number;
  const total = sumOpen(index, open);
  if (w.amount > total) {
    const over = w.amount - total;
    return decide(
      w,
      'suggested',
      methodName(r, 'over'),
      block.id,
      whatIsOpen(index, open),
      0,
      conf(r, 'over'),
      `${r.reason}、入金が未消込の請求合計より${over}円多い（${over <= tolerance ? '許容差額以内: 雑収入' : '超過分は前受金'}）`,
      NO_ALTERNATIVES,
      index,
      over <= tolerance ? '雑収入' : '前受金',
    );
  }
  // A payment a little short or over one invoice, beyond the tolerance, is more likely that
  // invoice than part of the oldest: a person decides.
  const near = closest(w, block, index, Math.max(tolerance, NEAR_INVOICE));
  if (near) {
    const others = near.others.map((s) => candidate(index, [s], '金額の近い別の請求'));
    return withinTolerance(w, block, r, near.best, tolerance, others, index, 'suggested');
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
  const strong =
    r.method !== 'truncated_name' &&
    r.method !== 'short_name' &&
    ((r.method !== 'name' && r.method !== 'payer_names' && r.method !== 'spelled_legal_form' && r.method !== 'legal_form') ||
      w.payer.legalForm !== undefined);
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
