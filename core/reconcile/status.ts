/**
 * 消込状態, the words for where a deposit or an invoice stands, in one place for every host:
 *
 * - the one name of each of the engine's statuses, Japanese and English, for the messages of the
 *   CLI, the Excel pane and the Sheets sidebar (the `status` column of the match table keeps its
 *   values `auto`, `suggested`, `unmatched`);
 * - the text a pane writes beside an invoice in the 消込状態 column of the open items once a
 *   deposit clears it — 消込済, or 一部入金（残N円） — and how readOpenItems reads it back, so the
 *   next run neither matches a cleared invoice again nor a part-paid one at its whole 請求残高.
 */
import { formatYen } from '../money/yen.js';
import type { Decision, MatchStatus } from './types.js';

/**
 * The one name of each status. `suggested` is 要確認 / suggested: a person decides (the table's
 * `invoice_ids` is the best candidate, not applied). 要確認 is the word the engine's reasons for
 * such a decision already end with, and the Excel pane's; 候補 is the name of a candidate, not of
 * a status. The English is the `status` value itself.
 * @example STATUS_NAMES.suggested.ja // '要確認'
 */
export const STATUS_NAMES: Readonly<Record<MatchStatus, { readonly ja: string; readonly en: string }>> = {
  auto: { ja: '自動消込', en: 'matched' },
  suggested: { ja: '要確認', en: 'suggested' },
  unmatched: { ja: '未消込', en: 'unmatched' },
};

/** The sheet both panes write the match table to (and read a person's confirmations from). */
export const RESULT_SHEET = '消込結果';

/** Header of the 消込状態 column of the open items (read as `status`; a pane adds it when missing). */
export const OPEN_ITEM_STATUS_HEADER = '消込状態';

/** 消込状態 of an invoice cleared in full, and of a result row applied or confirmed. */
export const CLEARED = '消込済';

/**
 * 消込状態 of an invoice after `received` yen of its `open` yen were cleared.
 * @example clearingStatus(50_000, 38_000) // '一部入金（残12,000円）'
 */
export function clearingStatus(open: number, received: number): string {
  return received >= open ? CLEARED : `一部入金（残${formatYen(open - received)}円）`;
}

/**
 * 消込状態 of every invoice these decisions clear (several deposits to one invoice add up),
 * against the open amount it had when the match was run.
 * @example clearingStatuses(autoDecisions, new Map([['INV-1', 50_000]])).get('INV-1') // '消込済'
 */
export function clearingStatuses(decisions: readonly Decision[], openAmounts: ReadonlyMap<string, number>): Map<string, string> {
  const received = new Map<string, number>();
  for (const d of decisions) for (const a of d.allocations) received.set(a.invoiceId, (received.get(a.invoiceId) ?? 0) + a.amount);
  const statuses = new Map<string, string>();
  for (const [invoiceId, amount] of received) statuses.set(invoiceId, clearingStatus(openAmounts.get(invoiceId) ?? amount, amount));
  return statuses;
}

/**
 * What is still open of an invoice after the 消込状態 written beside it: nothing once 消込済; the
 * rest after 一部入金（残N円）, or the 請求残高 less N after the older 一部入金 N円; else the whole
 * 請求残高 (any other note leaves the row as it is).
 * @example openAfterStatus('一部入金（残12,000円）', 50_000) // 12000
 */
export function openAfterStatus(status: string, amount: number): number {
  if (status === '') return amount;
  const s = status.normalize('NFKC').replace(/\s/g, '');
  if (s === CLEARED) return 0;
  const left = /^一部入金\(残([\d,]+)円\)$/.exec(s);
  if (left) return Math.min(amount, Number((left[1] ?? '').replace(/,/g, '')));
  const received = /^一部入金([\d,]+)円$/.exec(s);
  if (received) return Math.max(0, amount - Number((received[1] ?? '').replace(/,/g, '')));
  return amount;
}
