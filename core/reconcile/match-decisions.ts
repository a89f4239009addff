/**
 * 入金消込, decisions: the verdict on one deposit as every pass writes it — what it clears (an
 * automatic decision clears its allocations from the index at once, so later passes see what is
 * left), its method name, confidence and candidates.
 */
import type { OpenItemIndex, Seq } from './open-item-index.js';
import type { Allocation, AmountMethod, Candidate, CustomerMethod, Decision, DifferenceTreatment } from './types.js';
import type { Resolution, Work } from './match-work.js';

const CUSTOMER_CONFIDENCE: Record<CustomerMethod, number> = {
  virtual_account: 0.99,
  edi: 0.99,
  payer_code: 0.97,
  learned: 0.96,
  name: 0.95,
  payer_names: 0.95,
  truncated_name: 0.9,
  short_name: 0.9,
  spelled_legal_form: 0.95,
  legal_form: 0.93,
  group: 0.9,
  amount: 0.5,
};
const AMOUNT_CONFIDENCE: Record<AmountMethod, number> = {
  exact: 1,
  fee: 0.97,
  all_open: 0.97,
  combination: 0.9,
  tolerance: 0.9,
  partial: 0.85,
  amount_only: 0.5,
  over: 0.6,
  none: 0,
};

/** An amount cleared from an open item (or proposed to be). */
export interface Applied {
  readonly seq: Seq;
  readonly amount: number;
}

export function decide(
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
  /** How the difference is booked (差額の処理), when there is one to book. */
  treatment: DifferenceTreatment = '',
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
  const out: Allocation[] = one
    ? [{ invoiceId: index.invoiceId(one.seq), amount: one.amount }]
    : allocations.map((a): Allocation => ({ invoiceId: index.invoiceId(a.seq), amount: a.amount }));
  return {
    line: w.line,
    payerKey: w.payer.key,
    status,
    method,
    customerId,
    allocations: out,
    fee,
    difference: w.amount - applied + fee,
    differenceTreatment: treatment,
    confidence: Math.round(confidence * 100) / 100,
    reason: index.reasonText(reason),
    alternatives,
  };
}

/** Most decisions have no alternative: they share one empty (frozen) list. */
export const NO_ALTERNATIVES: readonly Candidate[] = Object.freeze([]);

const methodNames = new Map<string, Map<string, string>>();

/**
 * `customer+amount` method names, made once each: 200k decisions need not carry 200k copies.
 * @example methodName(resolution, 'exact') // 'name+exact'
 */
export function methodName(r: Resolution, amount: AmountMethod): string {
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

export function conf(r: Resolution, m: AmountMethod, factor = 1): number {
  return CUSTOMER_CONFIDENCE[r.method] * AMOUNT_CONFIDENCE[m] * factor;
}

export function candidate(index: OpenItemIndex, items: readonly Seq[], reason: string): Candidate {
  const [first] = items;
  return {
    customerId: first === undefined ? '' : index.blockOfItem(first).id,
    invoiceIds: items.map((s) => index.invoiceId(s)),
    reason,
  };
}
