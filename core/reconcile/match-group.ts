/**
 * 入金消込, step 2b: deposits whose payer names several customers, once every customer's own
 * deposits are settled — a payer name registered for several customers (a parent company
 * paying for its subsidiaries: `group`) or a name cut short that starts several customers'
 * names (`short_name`). The amount decides over the union of their open items: an exact amount
 * that fits one customer only; for a group, also a combination of invoices across them (≤ the
 * run's limit, issued by the payment date, the oldest of each customer, stops at the second solution). Only a unique
 * solution is automatic; when the amount fits several customers, the one the learned table
 * names for the payer takes it. What stays is left to match-leftovers.ts.
 */
import { dateOrderKey } from '../dates/calendar.js';
import { findCombinations } from './combination.js';
import { type Applied, candidate, conf, decide, methodName, NO_ALTERNATIVES } from './match-decisions.js';
import type { Resolution, Work } from './match-work.js';
import { compareText } from './invoice-key.js';
import { type CustomerBlock, NO_ITEM, type OpenItemIndex, type Seq } from './open-item-index.js';
import type { Decision } from './types.js';

/** Most open items a combination across a group looks at: the oldest of each customer, in equal shares. */
const GROUP_COMBINATION_ITEMS = 40;

/** Decides the deposits of several customers (statement order), oldest first, then in statement order. */
export function settleGroups(several: readonly Work[], index: OpenItemIndex, maxCombination: number): void {
  // Few deposits: a stable sort by date keeps the statement order within a day.
  const byDate = [...several].sort((a, b) => compareText(a.date, b.date));
  for (const w of byDate) {
    const r = w.resolution;
    if (!w.decision && r) w.decision = decideSeveral(w, r, index, maxCombination);
  }
}

function decideSeveral(w: Work, r: Resolution, index: OpenItemIndex, maxCombination: number): Decision | undefined {
  const blocks: CustomerBlock[] = [];
  for (const id of r.customers) {
    const block = index.customers.get(id);
    if (block) blocks.push(block);
  }
  // Each customer's oldest open invoice of exactly the amount.
  const hits: Seq[] = [];
  for (const block of blocks) {
    const s = index.oldestWithAmount(block, w.amount);
    if (s !== NO_ITEM) hits.push(s);
  }
  const [first] = hits;
  if (first !== undefined) {
    const learned = r.preferred === '' ? [] : hits.filter((s) => index.blockOfItem(s).id === r.preferred);
    const only = hits.length === 1 ? first : learned.length === 1 ? (learned[0] as Seq) : NO_ITEM;
    const best = only === NO_ITEM ? first : only;
    const others = hits.filter((s) => s !== best).map((s) => candidate(index, [s], '別の得意先に同額の請求'));
    const why =
      hits.length === 1
        ? '金額が一致する請求はこの得意先の1件のみ'
        : only !== NO_ITEM
          ? `金額が一致する請求が${hits.length}社にあり、学習済みの得意先を優先`
          : `金額が一致する請求が${hits.length}社にあり（要確認）`;
    return decide(
      w,
      only === NO_ITEM ? 'suggested' : 'auto',
      methodName(r, 'exact'),
      index.blockOfItem(best).id,
      [{ seq: best, amount: w.amount }],
      0,
      conf(r, 'exact', only === NO_ITEM ? 0.5 : 1),
      `${r.reason}、${why}`,
      others.length === 0 ? NO_ALTERNATIVES : others,
      index,
    );
  }
  return r.method === 'group' ? groupCombination(w, r, blocks, index, maxCombination) : undefined;
}

/** Several invoices across the group's customers whose total is the payment. */
function groupCombination(
  w: Work,
  r: Resolution,
  blocks: readonly CustomerBlock[],
  index: OpenItemIndex,
  maxItems: number,
): Decision | undefined {
  const day = dateOrderKey(w.date);
  const open: Seq[] = [];
  const amounts: number[] = [];
  // The oldest open items of each customer (a block is oldest first), GROUP_COMBINATION_ITEMS in all.
  const each = Math.ceil(GROUP_COMBINATION_ITEMS / blocks.length);
  // Items past each customer's share are not searched: a combination among them may fit as well.
  let unsearched = false;
  for (const block of blocks) if (index.takeOldestIssued(block, day, w.date, each, open, amounts)) unsearched = true;
  if (open.length < 2) return undefined;
  const result = findCombinations({ amounts, targets: [w.amount], maxItems });
  const [one, two] = result.solutions;
  if (!one) return undefined;
  const items = one.indexes.map((k) => open[k] as Seq).sort((a, b) => a - b);
  const allocations: Applied[] = items.map((s) => ({ seq: s, amount: index.residual[s] as number }));
  const customers = new Set(items.map((s) => index.blockOfItem(s).id)).size;
  const unique = !two && !result.exhausted && !unsearched;
  const alternatives = two
    ? [
        candidate(
          index,
          two.indexes.map((k) => open[k] as Seq),
          '別の組合せでも合計が一致',
        ),
      ]
    : NO_ALTERNATIVES;
  return decide(
    w,
    unique ? 'auto' : 'suggested',
    methodName(r, 'combination'),
    index.blockOfItem(items[0] as Seq).id,
    allocations,
    0,
    conf(r, 'combination', unique ? 1 : 0.5),
    unique
      ? `${r.reason}、得意先${customers}社の請求${items.length}件の合計と一致（他の組合せなし）`
      : two || result.exhausted
        ? `${r.reason}、合計が一致する組合せが複数あり（要確認）`
        : `${r.reason}、各得意先の古い請求の中で合計が一致（それより新しい請求は探していないため要確認）`,
    alternatives,
    index,
  );
}
