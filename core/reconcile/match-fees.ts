/**
 * 入金消込, fees: the 振込手数料 a payer may have deducted, to try for a customer — its learned
 * fees first, then the global set of core/reconcile/fee-table.ts, automatic only for a customer
 * that bears the fee (当方負担).
 */
import type { IsoDate } from '../dates/calendar.js';
import { globalFeesOn } from './fee-table.js';
import type { CustomerBlock } from './open-item-index.js';
import type { LearnedIndex } from './match-work.js';

export interface FeeChoice {
  readonly fee: number;
  /** Learned for this customer, or allowed by 当方負担. */
  readonly auto: boolean;
  readonly learned: boolean;
}

let lastFeeDate = '';
let lastFees: readonly number[] | undefined;

/** Fees to try: the customer's learned fees, then the global set (auto only under 当方負担). */
export function feesFor(block: CustomerBlock, date: IsoDate, learned: LearnedIndex): readonly FeeChoice[] {
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
