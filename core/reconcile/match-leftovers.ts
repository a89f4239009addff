/**
 * 入金消込, step 3: what no pass could settle. Namesakes whose amount singles one out, and an
 * amount unique across all customers while the payer resembles none, are suggestions only;
 * the rest is unmatched, with the invoices of the same amount as candidates.
 */
import { globalFeesOn } from './fee-table.js';
import { NO_ITEM, type OpenItemIndex, type Seq } from './open-item-index.js';
import type { Decision } from './types.js';
import { candidate, decide, methodName, NO_ALTERNATIVES } from './match-decisions.js';
import type { Work } from './match-work.js';

/** Decides what no pass could, and returns every decision in statement order. */
export function settleLeftovers(
  inOrder: readonly Work[],
  index: OpenItemIndex,
  openByAmount: ReadonlyMap<number, readonly Seq[]>,
): Decision[] {
  return inOrder.map((w) => (w.decision ??= leftover(w, index, openByAmount)));
}

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
  const block = r && r.customers.length === 1 ? index.customers.get(r.customers[0] ?? '') : undefined;
  if (r && block && index.openItems(block).length > 0) {
    // A cut name is trusted with an exact amount only: the customer has open invoices, none of it.
    return decide(
      w,
      'unmatched',
      r.method,
      block.id,
      [],
      0,
      0,
      `${r.reason}、ただし金額の一致する請求がありません（要確認）`,
      NO_ALTERNATIVES,
      index,
    );
  }
  if (r && r.customers.length === 1) {
    // The customer is known and owes nothing: the money stays on it as an advance (前受金).
    return decide(
      w,
      'unmatched',
      r.method,
      r.customers[0] ?? '',
      [],
      0,
      0,
      `${r.reason}、ただし未消込の請求がありません（前受金）`,
      NO_ALTERNATIVES,
      index,
      '前受金',
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
